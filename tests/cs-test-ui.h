/* cs-test-ui.h — helpers shared by the UI tests
 *
 * Copyright 2026 The Chainsmith authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "cs-application.h"
#include "cs-test-util.h"

G_BEGIN_DECLS

/* cs_test_init() plus GTK and libadwaita. Returns FALSE when there is no
 * display: the caller then registers nothing but a skipping case (the dev
 * script turns a skipped UI test into a failure in CI). */
gboolean   cs_test_ui_init           (int          *argc,
                                      char       ***argv);

/* Registers one case that skips with the reason that no display was found. */
void       cs_test_ui_add_skip       (const char   *path);

/* A new reference to the process's registered, non-unique CsApplication
 * (tests share one D-Bus session, so a unique one would turn the second
 * test's into a remote). */
CsApplication *cs_test_ui_app_new    (void);

/* Iterates the main loop until @done returns TRUE, or fails the test after
 * @timeout_ms. */
void       cs_test_ui_wait_until     (gboolean    (*done) (gpointer),
                                      gpointer      data,
                                      guint         timeout_ms);

/* Iterates the main loop until nothing is pending. */
void       cs_test_ui_flush          (void);

/* The first widget below (or at) @root of @type, optionally whose label,
 * title or accessible name is @label; NULL if none. */
GtkWidget *cs_test_ui_find           (GtkWidget    *root,
                                      GType         type,
                                      const char   *label);

/* Renders @widget at its allocated size into a PNG under the build folder's
 * screenshots/ (an artefact to look at; not committed). */
void       cs_test_ui_save_png       (GtkWidget    *widget,
                                      const char   *name);

G_END_DECLS
