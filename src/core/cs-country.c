/* cs-country.c — ISO 3166-1 alpha-2 country codes, as iso-codes publishes them
 *
 * Copyright 2026 The Chainsmith authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "cs-country.h"

/**
 * SECTION:cs-country
 * @title: Countries
 *
 * The country codes a request's subject may carry. The list is the one the
 * iso-codes package installs (its JSON data), read once on first use; the
 * names are translated through its `iso_3166-1` gettext domain.
 */

#define ISO_DOMAIN "iso_3166-1"

typedef struct
{
  /* alpha_2 code → English name (common_name when there is one). */
  GHashTable *names;
} CountryTable;

static gboolean
is_alpha_2 (const char *code)
{
  return code != NULL &&
         g_ascii_isupper (code[0]) && g_ascii_isupper (code[1]) && code[2] == '\0';
}

static void
add_entry (JsonArray *array,
           guint      index,
           JsonNode  *node,
           gpointer   user_data)
{
  GHashTable *names = user_data;
  JsonObject *entry;
  const char *code;
  const char *name;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return;
  entry = json_node_get_object (node);
  code = json_object_get_string_member_with_default (entry, "alpha_2", NULL);
  name = json_object_get_string_member_with_default (entry, "common_name", NULL);
  if (name == NULL)
    name = json_object_get_string_member_with_default (entry, "name", NULL);

  if (is_alpha_2 (code) && name != NULL)
    g_hash_table_insert (names, g_strdup (code), g_strdup (name));
}

static gpointer
load_table (gpointer data)
{
  g_autofree char *path = NULL;
  g_autofree char *localedir = NULL;
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) error = NULL;
  CountryTable *table = g_new0 (CountryTable, 1);
  JsonNode *root;
  JsonArray *array = NULL;

  table->names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  localedir = g_build_filename (ISO_CODES_PREFIX, "share", "locale", NULL);
  bindtextdomain (ISO_DOMAIN, localedir);
  bind_textdomain_codeset (ISO_DOMAIN, "UTF-8");

  path = g_build_filename (ISO_CODES_PREFIX, "share", "iso-codes", "json", "iso_3166-1.json", NULL);
  parser = json_parser_new ();
  if (!json_parser_load_from_file (parser, path, &error))
    {
      g_warning ("Could not read the country codes from %s: %s", path, error->message);
      return table;
    }

  root = json_parser_get_root (parser);
  if (root != NULL && JSON_NODE_HOLDS_OBJECT (root))
    array = json_object_get_array_member (json_node_get_object (root), "3166-1");
  if (array == NULL)
    {
      g_warning ("%s holds no “3166-1” list of countries", path);
      return table;
    }

  json_array_foreach_element (array, add_entry, table->names);
  return table;
}

static CountryTable *
get_table (void)
{
  static GOnce once = G_ONCE_INIT;

  g_once (&once, load_table, NULL);
  return once.retval;
}

/**
 * cs_country_is_valid:
 * @code: (nullable): a country code
 *
 * Returns: %TRUE if @code is exactly an ISO 3166-1 alpha-2 code that
 *   iso-codes knows (two upper-case letters, such as "DE")
 */
gboolean
cs_country_is_valid (const char *code)
{
  return is_alpha_2 (code) && g_hash_table_contains (get_table ()->names, code);
}

/**
 * cs_country_get_name:
 * @code: (nullable): a country code
 *
 * Returns: (nullable): the country's name in the user's language (its
 *   common name where it has one, such as "Bolivia"), or %NULL if @code is
 *   not a valid code
 */
const char *
cs_country_get_name (const char *code)
{
  const char *name;

  if (!is_alpha_2 (code))
    return NULL;

  name = g_hash_table_lookup (get_table ()->names, code);
  if (name == NULL)
    return NULL;

  return g_dgettext (ISO_DOMAIN, name);
}

static int
compare_codes (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/**
 * cs_country_dup_codes:
 *
 * Returns: (transfer full): every valid code, sorted
 */
GStrv
cs_country_dup_codes (void)
{
  GHashTable *names = get_table ()->names;
  g_autofree const char **keys = NULL;
  guint length = 0;

  keys = (const char **) g_hash_table_get_keys_as_array (names, &length);
  g_qsort_with_data (keys, length, sizeof (char *), compare_codes, NULL);
  return g_strdupv ((char **) keys);
}
