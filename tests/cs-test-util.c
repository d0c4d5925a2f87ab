/* cs-test-util.c — helpers shared by the tests
 *
 * Copyright 2026 The Chainsmith authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <gio/gio.h>
#include <stdlib.h>
#include <string.h>

#include "cs-test-util.h"

static char *tmp_dir;

void
cs_test_rm_rf (const char *path)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  dir = g_dir_open (path, 0, NULL);
  if (dir == NULL)
    {
      g_unlink (path);
      return;
    }

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        cs_test_rm_rf (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

static void
remove_tmp_dir (void)
{
  if (tmp_dir != NULL && g_getenv ("CS_TEST_KEEP_TMP") == NULL)
    cs_test_rm_rf (tmp_dir);
}

void
cs_test_init (int    *argc,
              char ***argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  g_autofree char *config = NULL;
  g_autofree char *cache = NULL;
  g_autofree char *tmp = NULL;

  tmp_dir = g_dir_make_tmp ("chainsmith-test-XXXXXX", &error);
  g_assert_no_error (error);

  data = g_build_filename (tmp_dir, "data", NULL);
  config = g_build_filename (tmp_dir, "config", NULL);
  cache = g_build_filename (tmp_dir, "cache", NULL);
  tmp = g_build_filename (tmp_dir, "tmp", NULL);
  g_mkdir_with_parents (data, 0700);
  g_mkdir_with_parents (config, 0700);
  g_mkdir_with_parents (cache, 0700);
  g_mkdir_with_parents (tmp, 0700);

  g_setenv ("XDG_DATA_HOME", data, TRUE);
  g_setenv ("XDG_CONFIG_HOME", config, TRUE);
  g_setenv ("XDG_CACHE_HOME", cache, TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  atexit (remove_tmp_dir);

  g_setenv ("TMPDIR", tmp, TRUE);
  g_test_init (argc, argv, NULL);
}

const char *
cs_test_get_tmp_dir (void)
{
  g_assert_nonnull (tmp_dir);
  return tmp_dir;
}

int
cs_test_spawn (const char * const  *argv,
               const char          *stdin_data,
               char               **out,
               char               **err)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GBytes) in_bytes = NULL;
  g_autoptr(GBytes) out_bytes = NULL;
  g_autoptr(GBytes) err_bytes = NULL;

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE |
                                        G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  if (tmp_dir != NULL)
    g_subprocess_launcher_set_cwd (launcher, tmp_dir);
  proc = g_subprocess_launcher_spawnv (launcher, argv, &error);
  g_assert_no_error (error);

  in_bytes = g_bytes_new (stdin_data, stdin_data != NULL ? strlen (stdin_data) : 0);

  g_subprocess_communicate (proc, in_bytes, NULL, &out_bytes, &err_bytes, &error);
  g_assert_no_error (error);

  if (out != NULL)
    *out = g_strndup (g_bytes_get_size (out_bytes) > 0 ? g_bytes_get_data (out_bytes, NULL) : "",
                      g_bytes_get_size (out_bytes));
  if (err != NULL)
    *err = g_strndup (g_bytes_get_size (err_bytes) > 0 ? g_bytes_get_data (err_bytes, NULL) : "",
                      g_bytes_get_size (err_bytes));

  if (g_subprocess_get_if_exited (proc))
    return g_subprocess_get_exit_status (proc);
  return 128 + g_subprocess_get_term_sig (proc);
}

void
cs_test_sh (const char *format,
            ...)
{
  g_autofree char *command = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  const char *argv[] = { "/bin/sh", "-c", NULL, NULL };
  va_list args;
  int status;

  va_start (args, format);
  command = g_strdup_vprintf (format, args);
  va_end (args);

  argv[2] = command;
  status = cs_test_spawn (argv, NULL, &out, &err);
  if (status != 0)
    g_error ("command failed (%d): %s\n%s%s", status, command, out, err);
}
