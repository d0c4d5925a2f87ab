/* cs-cli.c
 *
 * Copyright 2026 The Chainsmith authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "cs-cli.h"

static void
print_usage (FILE *out)
{
  fprintf (out, "%s",
           _("Usage: chainsmith-cli COMMAND [OPTIONS…]\n"
             "\n"
             "Manage the intermediate CA certificates of Chainsmith’s store.\n"
             "\n"
             "Options:\n"
             "  -h, --help     Show this help\n"
             "  --version      Print the version\n"));
}

int
cs_cli_run (int    argc,
            char **argv)
{
  if (argc < 2 || g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h") || g_str_equal (argv[1], "help"))
    {
      print_usage (argc < 2 ? stderr : stdout);
      return argc < 2 ? 2 : 0;
    }

  if (g_str_equal (argv[1], "--version"))
    {
      g_print ("chainsmith-cli %s\n", PACKAGE_VERSION);
      return 0;
    }

  g_printerr (_("chainsmith-cli: unknown command “%s”; see “chainsmith-cli --help”\n"), argv[1]);
  return 2;
}
