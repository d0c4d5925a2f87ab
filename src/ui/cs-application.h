/* cs-application.h
 *
 * Copyright 2026 The Chainsmith authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "cs-store.h"

G_BEGIN_DECLS

#define CS_TYPE_APPLICATION (cs_application_get_type ())

G_DECLARE_FINAL_TYPE (CsApplication, cs_application, CS, APPLICATION, AdwApplication)

CsApplication *cs_application_new       (void);

/* The store the windows show ("store"): made on first use from
 * cs_store_dup_default_path() unless one was set before. */
CsStore       *cs_application_get_store (CsApplication *self);
void           cs_application_set_store (CsApplication *self,
                                         CsStore       *store);

G_END_DECLS
