/* cs-country.h — ISO 3166-1 alpha-2 country codes, as iso-codes publishes them
 *
 * Copyright 2026 The Chainsmith authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean    cs_country_is_valid  (const char *code);
const char *cs_country_get_name  (const char *code);
GStrv       cs_country_dup_codes (void);

G_END_DECLS
