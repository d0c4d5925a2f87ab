/* test-country.c — ISO 3166-1 codes and names from iso-codes
 *
 * Copyright 2026 The Chainsmith authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <string.h>

#include "cs-country.h"
#include "cs-test-util.h"

#define JSON_PATH ISO_CODES_PREFIX "/share/iso-codes/json/iso_3166-1.json"

static void
test_valid_codes (void)
{
  const char *invalid[] = { "de", "De", "dE", "DEU", "D", "", "XX", "ZZ", "D1", "DE " };

  g_assert_true (cs_country_is_valid ("DE"));
  g_assert_true (cs_country_is_valid ("US"));
  g_assert_cmpstr (cs_country_get_name ("DE"), ==, "Germany");
  g_assert_cmpstr (cs_country_get_name ("FR"), ==, "France");

  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    {
      g_assert_false (cs_country_is_valid (invalid[i]));
      g_assert_null (cs_country_get_name (invalid[i]));
    }
  g_assert_false (cs_country_is_valid (NULL));
  g_assert_null (cs_country_get_name (NULL));
}

/* Where iso-codes gives a common name, it is preferred to the formal one. */
static void
test_common_name_preferred (void)
{
  g_autofree char *common = NULL;
  g_autofree char *name = NULL;
  const char *argv[] = { "/bin/sh", "-c",
                         "grep -A4 '\"alpha_2\": \"TW\"' " JSON_PATH " | grep -o '\"common_name\": \"[^\"]*\"'",
                         NULL };

  g_assert_cmpint (cs_test_spawn (argv, NULL, &common, NULL), ==, 0);
  g_assert_cmpstr (common, ==, "\"common_name\": \"Taiwan\"\n");

  g_assert_cmpstr (cs_country_get_name ("TW"), ==, "Taiwan");
  g_assert_cmpstr (cs_country_get_name ("BO"), ==, "Bolivia");
}

/* The list is exactly the JSON's, read here with grep, independently. */
static void
test_codes_are_the_json_ones (void)
{
  const char *argv[] = { "/bin/sh", "-c",
                         "grep -o '\"alpha_2\": \"[^\"]*\"' " JSON_PATH " | cut -d'\"' -f4 | LC_ALL=C sort",
                         NULL };
  g_autofree char *expected = NULL;
  g_autofree char *joined = NULL;
  g_autofree char *lines = NULL;
  g_auto(GStrv) codes = cs_country_dup_codes ();

  g_assert_cmpint (cs_test_spawn (argv, NULL, &expected, NULL), ==, 0);
  g_assert_cmpuint (strlen (expected), >, 200 * 3);

  joined = g_strjoinv ("\n", codes);
  lines = g_strconcat (joined, "\n", NULL);
  g_assert_cmpstr (lines, ==, expected);

  for (guint i = 0; codes[i] != NULL; i++)
    g_assert_true (cs_country_is_valid (codes[i]));

  /* Kosovo's XK is a user-assigned code: valid only if iso-codes lists it
   * (it does not, up to iso-codes 4.15). */
  g_assert_cmpint (cs_country_is_valid ("XK"), ==, strstr (expected, "XK\n") != NULL);
}

static void
test_german_names (void)
{
  if (g_test_subprocess ())
    {
      g_assert_cmpstr (cs_country_get_name ("DE"), ==, "Deutschland");
      g_assert_cmpstr (cs_country_get_name ("CH"), ==, "Schweiz");
      g_assert_true (cs_country_is_valid ("DE"));
      return;
    }

  /* A fresh process, whose first lookup sees LANGUAGE=de. */
  g_setenv ("CS_TEST_LANGUAGE", "de", TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_unsetenv ("CS_TEST_LANGUAGE");
  g_test_trap_assert_passed ();
}

static gpointer
look_up_in_thread (gpointer data)
{
  return (gpointer) cs_country_get_name ("DE");
}

/* The first lookups race each other: every thread sees the whole table. */
static void
test_first_use_from_threads (void)
{
  GThread *threads[8];

  if (!g_test_subprocess ())
    {
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
      g_test_trap_assert_passed ();
      return;
    }

  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    threads[i] = g_thread_new ("lookup", look_up_in_thread, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    g_assert_cmpstr (g_thread_join (threads[i]), ==, "Germany");
}

int
main (int   argc,
      char *argv[])
{
  /* Deterministic: a UTF-8 locale (with the C locale, LANGUAGE is
   * ignored), and LANGUAGE only where a test asks for it. */
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  if (g_getenv ("CS_TEST_LANGUAGE") != NULL)
    g_setenv ("LANGUAGE", g_getenv ("CS_TEST_LANGUAGE"), TRUE);
  else
    g_unsetenv ("LANGUAGE");
  setlocale (LC_ALL, "");

  cs_test_init (&argc, &argv);

  g_test_add_func ("/country/valid-codes", test_valid_codes);
  g_test_add_func ("/country/common-name-preferred", test_common_name_preferred);
  g_test_add_func ("/country/codes-are-the-json-ones", test_codes_are_the_json_ones);
  g_test_add_func ("/country/german-names", test_german_names);
  g_test_add_func ("/country/first-use-from-threads", test_first_use_from_threads);

  return g_test_run ();
}
