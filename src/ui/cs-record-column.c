/* cs-record-column.c — the columns of the certificate list and their texts
 *
 * Copyright 2026 The Chainsmith authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "cs-record-column.h"

static const struct
{
  const char *id;
  const char *title;
} columns[CS_N_RECORD_COLUMNS] = {
  [CS_RECORD_COLUMN_NAME] = { "name", N_("Name") },
  [CS_RECORD_COLUMN_PROTECTION_TYPE] = { "protection-type", N_("Protection Type") },
  [CS_RECORD_COLUMN_REGION] = { "region", N_("Region") },
  [CS_RECORD_COLUMN_STATUS] = { "status", N_("Status") },
  [CS_RECORD_COLUMN_START_DATE] = { "start-date", N_("Validity Start Date") },
  [CS_RECORD_COLUMN_EXPIRATION_DATE] = { "expiration-date", N_("Expiration Date") },
  [CS_RECORD_COLUMN_DESCRIPTION] = { "description", N_("Description") },
};

const char *
cs_record_column_get_id (CsRecordColumn column)
{
  g_return_val_if_fail (column < CS_N_RECORD_COLUMNS, NULL);

  return columns[column].id;
}

gboolean
cs_record_column_from_id (const char     *id,
                          CsRecordColumn *column)
{
  g_return_val_if_fail (id != NULL, FALSE);

  for (guint i = 0; i < CS_N_RECORD_COLUMNS; i++)
    {
      if (g_str_equal (columns[i].id, id))
        {
          if (column != NULL)
            *column = i;
          return TRUE;
        }
    }

  return FALSE;
}

const char *
cs_record_column_get_title (CsRecordColumn column)
{
  g_return_val_if_fail (column < CS_N_RECORD_COLUMNS, NULL);

  return _(columns[column].title);
}

/* A row without its name would be anonymous: the Name column always shows. */
gboolean
cs_record_column_can_hide (CsRecordColumn column)
{
  return column != CS_RECORD_COLUMN_NAME;
}

/* The local time zone, made once for the process: with TZ unset, GLib 2.74
 * makes it anew (reading /etc/localtime) on every g_date_time_to_local (),
 * which building the filter's index of 10,000 records pays 20,000 times. */
static GTimeZone *
local_time_zone (void)
{
  static GTimeZone *zone = NULL;

  if (g_once_init_enter (&zone))
    {
      /* Kept for the life of the process, on purpose. */
      GTimeZone *local = g_time_zone_new_local ();

      g_once_init_leave (&zone, local);
      /* g_once_init_leave() keeps it in zone, which cppcheck cannot see. */
      /* cppcheck-suppress memleak */
    }
  return zone;
}

/* A date as the user's locale writes it, in local time. */
char *
cs_record_format_date (GDateTime *date)
{
  g_autoptr(GDateTime) local = NULL;

  if (date == NULL)
    return NULL;

  local = g_date_time_to_timezone (date, local_time_zone ());
  return g_date_time_format (local, "%x");
}

const char *
cs_record_format_protection_type (const char *api_name)
{
  if (g_strcmp0 (api_name, CS_RECORD_TYPE_CUSTOM_SW) == 0)
    return _("Software Protection");
  if (g_strcmp0 (api_name, "CUSTOM_HSM") == 0)
    return _("Cloud HSM Protection");
  return api_name;
}

const char *
cs_record_format_region (const char *api_name)
{
  if (g_strcmp0 (api_name, CS_RECORD_REGION_GLOBAL) == 0)
    return _("Global");
  if (g_strcmp0 (api_name, "ASIA") == 0)
    return _("Asia");
  if (g_strcmp0 (api_name, "EUROPE") == 0)
    return _("Europe");
  if (g_strcmp0 (api_name, "US") == 0)
    return _("United States");
  return api_name;
}

const char *
cs_record_format_status (CsRecord *record)
{
  return cs_record_get_enabled (record) ? _("Enabled") : _("Disabled");
}

/* The text a column shows for @record ("" when it shows nothing): the cells
 * show it and the search matches it. */
char *
cs_record_column_dup_text (CsRecordColumn  column,
                           CsRecord       *record)
{
  char *date;

  g_return_val_if_fail (CS_IS_RECORD (record), NULL);

  switch (column)
    {
    case CS_RECORD_COLUMN_NAME:
      return g_strdup (cs_record_get_name (record));
    case CS_RECORD_COLUMN_PROTECTION_TYPE:
      return g_strdup (cs_record_format_protection_type (cs_record_get_protection_type (record)));
    case CS_RECORD_COLUMN_REGION:
      return g_strdup (cs_record_format_region (cs_record_get_region (record)));
    case CS_RECORD_COLUMN_STATUS:
      return g_strdup (cs_record_format_status (record));
    case CS_RECORD_COLUMN_START_DATE:
      date = cs_record_format_date (cs_record_get_cert_start_date (record));
      return date != NULL ? date : g_strdup ("");
    case CS_RECORD_COLUMN_EXPIRATION_DATE:
      date = cs_record_format_date (cs_record_get_cert_exp_date (record));
      return date != NULL ? date : g_strdup ("");
    case CS_RECORD_COLUMN_DESCRIPTION:
      return g_strdup (cs_record_get_description (record));
    default:
      g_return_val_if_reached (NULL);
    }
}

/* Seconds since the epoch for the date columns; records without a
 * certificate sort before every date. */
gint64
cs_record_column_get_sort_time (CsRecordColumn  column,
                                CsRecord       *record)
{
  GDateTime *date = NULL;

  if (column == CS_RECORD_COLUMN_START_DATE)
    date = cs_record_get_cert_start_date (record);
  else if (column == CS_RECORD_COLUMN_EXPIRATION_DATE)
    date = cs_record_get_cert_exp_date (record);

  return date != NULL ? g_date_time_to_unix (date) : G_MININT64;
}

CsExpiry
cs_record_get_expiry (CsRecord  *record,
                      GDateTime *now,
                      int       *days_left)
{
  GDateTime *expires = cs_record_get_cert_exp_date (record);
  GTimeSpan left;

  if (days_left != NULL)
    *days_left = 0;
  if (expires == NULL)
    return CS_EXPIRY_NONE;

  left = g_date_time_difference (expires, now);
  if (left <= 0)
    return CS_EXPIRY_EXPIRED;
  if (days_left != NULL)
    *days_left = (int) (left / G_TIME_SPAN_DAY);
  if (left <= CS_EXPIRY_WARNING_DAYS * G_TIME_SPAN_DAY)
    return CS_EXPIRY_SOON;
  return CS_EXPIRY_NONE;
}

/* The tooltip and accessible description of a marked expiration date. */
char *
cs_record_dup_expiry_text (CsExpiry expiry,
                           int      days_left)
{
  switch (expiry)
    {
    case CS_EXPIRY_EXPIRED:
      return g_strdup (_("Expired"));
    case CS_EXPIRY_SOON:
      if (days_left < 1)
        return g_strdup (_("Expires in less than a day"));
      return g_strdup_printf (ngettext ("Expires in %d day", "Expires in %d days", days_left),
                              days_left);
    case CS_EXPIRY_NONE:
      return NULL;
    default:
      g_return_val_if_reached (NULL);
    }
}
