/* cs-record-column.h — the columns of the certificate list and their texts
 *
 * Copyright 2026 The Chainsmith authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "cs-record.h"

G_BEGIN_DECLS

/* The columns of the list, in their default order. The ids are those of the
 * GSettings keys `column-order` and `hidden-columns`. */
typedef enum
{
  CS_RECORD_COLUMN_NAME,
  CS_RECORD_COLUMN_PROTECTION_TYPE,
  CS_RECORD_COLUMN_REGION,
  CS_RECORD_COLUMN_STATUS,
  CS_RECORD_COLUMN_START_DATE,
  CS_RECORD_COLUMN_EXPIRATION_DATE,
  CS_RECORD_COLUMN_DESCRIPTION,
} CsRecordColumn;

#define CS_N_RECORD_COLUMNS 7

/* How close a certificate is to its expiration date. */
typedef enum
{
  CS_EXPIRY_NONE,      /* no certificate yet, or more than 30 days left */
  CS_EXPIRY_SOON,      /* expires within 30 days */
  CS_EXPIRY_EXPIRED,
} CsExpiry;

#define CS_EXPIRY_WARNING_DAYS 30

const char *cs_record_column_get_id        (CsRecordColumn  column);
gboolean    cs_record_column_from_id       (const char     *id,
                                            CsRecordColumn *column);
const char *cs_record_column_get_title     (CsRecordColumn  column);
gboolean    cs_record_column_can_hide      (CsRecordColumn  column);

char       *cs_record_column_dup_text      (CsRecordColumn  column,
                                            CsRecord       *record);
gint64      cs_record_column_get_sort_time (CsRecordColumn  column,
                                            CsRecord       *record);

char       *cs_record_format_date          (GDateTime      *date);
const char *cs_record_format_protection_type (const char   *api_name);
const char *cs_record_format_region        (const char     *api_name);
const char *cs_record_format_status        (CsRecord       *record);

CsExpiry    cs_record_get_expiry           (CsRecord       *record,
                                            GDateTime      *now,
                                            int            *days_left);
char       *cs_record_dup_expiry_text      (CsExpiry        expiry,
                                            int             days_left);

G_END_DECLS
