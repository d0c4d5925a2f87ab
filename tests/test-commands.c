/* test-commands.c — the two executables answer --version and --help
 *
 * Copyright 2026 The Chainsmith authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "cs-test-util.h"

static void
test_gui_version (void)
{
  const char *argv[] = { g_getenv ("CS_GUI"), "--version", NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (cs_test_spawn (argv, NULL, &out, &err), ==, 0);
  g_assert_cmpstr (out, ==, "Chainsmith " PACKAGE_VERSION "\n");
}

static void
test_cli_help (void)
{
  const char *argv[] = { g_getenv ("CS_CLI"), "--help", NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (cs_test_spawn (argv, NULL, &out, &err), ==, 0);
  g_assert_true (g_str_has_prefix (out, "Usage: chainsmith-cli COMMAND"));
  g_assert_cmpstr (err, ==, "");
}

static void
test_cli_unknown_command (void)
{
  const char *argv[] = { g_getenv ("CS_CLI"), "frobnicate", NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (cs_test_spawn (argv, NULL, &out, &err), !=, 0);
  g_assert_cmpstr (out, ==, "");
  g_assert_nonnull (strstr (err, "frobnicate"));
  /* One line of reason. */
  g_assert_cmpint (strchr (err, '\n') - err, ==, strlen (err) - 1);
}

int
main (int   argc,
      char *argv[])
{
  cs_test_init (&argc, &argv);

  g_test_add_func ("/commands/gui-version", test_gui_version);
  g_test_add_func ("/commands/cli-help", test_cli_help);
  g_test_add_func ("/commands/cli-unknown-command", test_cli_unknown_command);

  return g_test_run ();
}
