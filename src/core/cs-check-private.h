/* cs-check-private.h — how the inspection fills a CsCheck
 *
 * Copyright 2026 The Chainsmith authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A check is built in the inspection's worker thread and never changes once
 * the report is handed out, so these functions emit no notifications.
 */

#pragma once

#include "cs-check.h"

G_BEGIN_DECLS

CsCheck  *cs_check_new              (const char    *id);
void      cs_check_add_finding      (CsCheck       *self,
                                     CsCheckLevel   level,
                                     const char    *finding);
void      cs_check_add_findingf     (CsCheck       *self,
                                     CsCheckLevel   level,
                                     const char    *format,
                                     ...) G_GNUC_PRINTF (3, 4);
void      cs_check_add_detail       (CsCheck       *self,
                                     const char    *detail);
void      cs_check_set_not_checked  (CsCheck       *self,
                                     const char    *reason);
gboolean  cs_check_has_findings     (CsCheck       *self);
guint     cs_check_get_n_findings   (CsCheck       *self);
void      cs_check_complete         (CsCheck       *self,
                                     const char    *pass_message);

G_END_DECLS
