/* replay.c — runs a fuzz harness over files, as an ordinary test
 *
 * Copyright 2026 The Chainsmith authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Linked with one harness, this is its replay test: every file named on the
 * command line, and every file in every folder named there (sorted, not
 * recursively), goes once through the harness's LLVMFuzzerTestOneInput(),
 * the function libFuzzer calls. A crash, a sanitizer report or a harness
 * assertion fails the test; each file is one TAP line. Builds with any C
 * compiler, without libFuzzer.
 */

#include "config.h"

#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz-common.h"

static gint
compare_paths (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* Adds @path, or the files of the folder @path, to @files. */
static gboolean
collect (GPtrArray  *files,
         const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (!g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_ptr_array_add (files, g_strdup (path));
      return TRUE;
    }
  dir = g_dir_open (path, 0, &error);
  if (dir == NULL)
    {
      printf ("Bail out! %s\n", error->message);
      return FALSE;
    }
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_REGULAR))
        g_ptr_array_add (files, g_steal_pointer (&child));
    }
  return TRUE;
}

static gboolean
replay (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &contents, &length, &error))
    {
      printf ("not ok - %s: %s\n", path, error->message);
      return FALSE;
    }
  /* A copy of exactly @length bytes, so that a read past the end is seen. */
  {
    g_autofree guint8 *data = g_malloc (MAX (length, 1));

    memcpy (data, contents, length);

    LLVMFuzzerTestOneInput (data, length);
  }
  printf ("ok - %s\n", path);
  fflush (stdout);
  return TRUE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  gboolean ok = TRUE;

  if (argc < 2)
    {
      fprintf (stderr, "usage: %s FILE-OR-FOLDER…\n", argv[0]);
      return 2;
    }
  for (int i = 1; i < argc; i++)
    if (!collect (files, argv[i]))
      return 1;
  g_ptr_array_sort (files, compare_paths);

  if (files->len == 0)
    {
      printf ("Bail out! No files to replay\n");
      return 1;
    }
  printf ("TAP version 13\n1..%u\n", files->len);
  for (guint i = 0; i < files->len; i++)
    ok &= replay (g_ptr_array_index (files, i));
  return ok ? 0 : 1;
}
