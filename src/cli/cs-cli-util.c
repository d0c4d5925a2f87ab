/* cs-cli-util.c — the store, input and output of chainsmith-cli
 *
 * Copyright 2026 The Chainsmith authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cs-cli-private.h"
#include "cs-error.h"
#include "cs-inspection.h"

CsStore *
cs_cli_open_store (CsCli   *cli,
                   GError **error)
{
  g_autofree char *path = NULL;

  if (cli->store != NULL)
    return cli->store;

  path = cli->store_path != NULL ? g_canonicalize_filename (cli->store_path, NULL)
                                 : cs_store_dup_default_path ();
  cli->store = cs_store_new (path);
  if (!cs_store_open_sync (cli->store, NULL, error))
    {
      g_clear_object (&cli->store);
      return NULL;
    }
  return cli->store;
}

/* Returns: (transfer none): the record named @name_or_id, or its id. */
CsRecord *
cs_cli_lookup (CsCli       *cli,
               const char  *name_or_id,
               GError     **error)
{
  CsStore *store = cs_cli_open_store (cli, error);

  if (store == NULL)
    return NULL;
  return cs_store_lookup (store, name_or_id, error);
}

void
cs_cli_usage_error (GError     **error,
                    const char  *format,
                    ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, message);
}

/* Reads at most the 64 KiB of an upload, and one byte more to tell that
 * there was more. */
static GBytes *
read_stdin (GError **error)
{
  gsize limit = CS_INSPECTION_MAX_FILE_SIZE + 1;
  g_autofree guint8 *buffer = g_malloc (limit);
  gsize length = 0;

  while (length < limit)
    {
      gssize n = read (STDIN_FILENO, buffer + length, limit - length);

      if (n == 0)
        break;
      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved_errno = errno;

          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                       _("Could not read standard input: %s"), g_strerror (saved_errno));
          return NULL;
        }
      length += n;
    }
  if (length > CS_INSPECTION_MAX_FILE_SIZE)
    {
      g_set_error_literal (error, CS_ERROR, CS_ERROR_TOO_LARGE,
                           _("Standard input holds more than 64 KiB, too much for a certificate "
                             "or a chain"));
      return NULL;
    }
  return g_bytes_new_take (g_steal_pointer (&buffer), length);
}

/* The contents of the file @path, or of standard input for “-”, at most
 * 64 KiB. */
GBytes *
cs_cli_read_input (const char  *path,
                   GError     **error)
{
  g_autoptr(GFile) file = NULL;

  if (g_str_equal (path, "-"))
    return read_stdin (error);
  file = g_file_new_for_commandline_arg (path);
  return cs_inspection_load_file (file, NULL, error);
}

/* The file name to keep for an upload: none for standard input. */
char *
cs_cli_input_name (const char *path)
{
  if (g_str_equal (path, "-"))
    return NULL;
  return g_path_get_basename (path);
}

gboolean
cs_cli_is_stdout (const char *path)
{
  return path == NULL || g_str_equal (path, "-");
}

/* Writes public data (a CSR, a certificate, a public key) to @path, or to
 * standard output when @path is NULL or “-”. */
gboolean
cs_cli_write_output (const char  *path,
                     const char  *data,
                     GError     **error)
{
  if (!cs_cli_is_stdout (path))
    return g_file_set_contents_full (path, data, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0644, error);

  if (fputs (data, stdout) == EOF || fflush (stdout) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not write to standard output: %s"), g_strerror (saved_errno));
      return FALSE;
    }
  return TRUE;
}

/* @time in local time, or “—” when unset. */
char *
cs_cli_format_time (GDateTime  *time,
                    const char *format)
{
  g_autoptr(GDateTime) local = NULL;

  if (time == NULL)
    return g_strdup ("—");
  local = g_date_time_to_local (time);
  return g_date_time_format (local, format);
}

/* Prints @rows (strings, @n_columns a row, the first row the header) as a
 * table whose columns are aligned. */
void
cs_cli_print_table (GPtrArray *rows,
                    guint      n_columns)
{
  g_autofree glong *widths = g_new0 (glong, n_columns);

  for (guint i = 0; i < rows->len; i++)
    widths[i % n_columns] = MAX (widths[i % n_columns],
                                 g_utf8_strlen (g_ptr_array_index (rows, i), -1));

  for (guint i = 0; i < rows->len; i++)
    {
      const char *cell = g_ptr_array_index (rows, i);
      guint column = i % n_columns;

      if (column + 1 == n_columns)
        g_print ("%s\n", cell);
      else
        g_print ("%s%*s  ", cell, (int) (widths[column] - g_utf8_strlen (cell, -1)), "");
    }
}
