/* cs-check.h — one row of the report on an uploaded certificate and chain
 *
 * Copyright 2026 The Chainsmith authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/**
 * CsCheckLevel:
 * @CS_CHECK_PASS: the check passed
 * @CS_CHECK_WARN: the upload is accepted, with the warning shown
 * @CS_CHECK_FAIL: the upload is refused
 *
 * The outcome of a check, ordered from best to worst so that the worst of
 * several is their maximum.
 */
typedef enum
{
  CS_CHECK_PASS,
  CS_CHECK_WARN,
  CS_CHECK_FAIL,
} CsCheckLevel;

#define CS_TYPE_CHECK_LEVEL (cs_check_level_get_type ())

GType        cs_check_level_get_type   (void) G_GNUC_CONST;
const char  *cs_check_level_get_nick   (CsCheckLevel  level);  /* "PASS", "WARN", "FAIL" */
const char  *cs_check_level_get_label  (CsCheckLevel  level);  /* translated: "Passed", … */

/* The stable ids of the checks, in SPEC §4's order (the report's order). */
#define CS_CHECK_ID_FILE             "file"
#define CS_CHECK_ID_KEY              "key"
#define CS_CHECK_ID_SUBJECT          "subject"
#define CS_CHECK_ID_CA               "ca"
#define CS_CHECK_ID_KEY_USAGE        "key-usage"
#define CS_CHECK_ID_PATH_LENGTH      "path-length"
#define CS_CHECK_ID_VALIDITY         "validity"
#define CS_CHECK_ID_ALGORITHMS       "algorithms"
#define CS_CHECK_ID_EKU              "eku"
#define CS_CHECK_ID_NAME_CONSTRAINTS "name-constraints"
#define CS_CHECK_ID_CHAIN            "chain"
#define CS_CHECK_ID_DRY_RUN          "dry-run"

#define CS_TYPE_CHECK (cs_check_get_type ())

G_DECLARE_FINAL_TYPE (CsCheck, cs_check, CS, CHECK, GObject)

/* Read-only properties: "id", "title", "level", "message", "details", "checked". */
const char         *cs_check_get_id       (CsCheck  *self);
const char         *cs_check_get_title    (CsCheck  *self);
CsCheckLevel        cs_check_get_level    (CsCheck  *self);
const char         *cs_check_get_message  (CsCheck  *self);
const char * const *cs_check_get_details  (CsCheck  *self);
gboolean            cs_check_get_checked  (CsCheck  *self);

G_END_DECLS
