/* cs-test-util.h — helpers shared by the tests
 *
 * Copyright 2026 The Chainsmith authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* 1 in a build with AddressSanitizer (build-aux/dev test --sanitize), where
 * every program runs several times slower: for the few tests that spend a
 * time budget rather than a number of runs. */
#if defined(__SANITIZE_ADDRESS__)
#define CS_TEST_SANITIZED 1
#elif defined(__has_feature)
#if __has_feature (address_sanitizer)
#define CS_TEST_SANITIZED 1
#endif
#endif
#ifndef CS_TEST_SANITIZED
#define CS_TEST_SANITIZED 0
#endif

/* Calls g_test_init() and points XDG_DATA_HOME, XDG_CONFIG_HOME,
 * XDG_CACHE_HOME and TMPDIR at a fresh temporary folder that is removed at
 * exit, so that no test touches the user's files or sees another test's. */
void        cs_test_init          (int          *argc,
                                   char       ***argv);

/* The temporary folder of this test process. */
const char *cs_test_get_tmp_dir   (void);

/* Runs argv (NULL-terminated), feeding it @stdin_data when not NULL; returns
 * the exit status and sets @out and @err. Fails the test if it cannot run. */
int         cs_test_spawn         (const char * const  *argv,
                                   const char          *stdin_data,
                                   char               **out,
                                   char               **err);

/* Runs a shell command line in the test's temporary folder; fails the test
 * (with the command's output) unless it exits 0. */
void        cs_test_sh            (const char          *format,
                                   ...) G_GNUC_PRINTF (1, 2);

/* Removes a folder and everything below it. */
void        cs_test_rm_rf         (const char          *path);

G_END_DECLS
