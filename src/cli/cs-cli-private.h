/* cs-cli-private.h — shared between the files of chainsmith-cli
 *
 * Copyright 2026 The Chainsmith authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cs-cli.c parses the global options and the command's options (described
 * by tables of CsCliOption) into a CsCliOptions, checks the number of
 * arguments, and runs the command. A command reports failure as a GError:
 * one in the G_OPTION_ERROR domain is a usage error (exit status 2, the
 * usage line added), any other a refusal or failure (exit status 1).
 */

#pragma once

#include <gio/gio.h>

#include "cs-store.h"

G_BEGIN_DECLS

/* The exit statuses of chainsmith-cli. */
#define CS_CLI_EXIT_OK      0
#define CS_CLI_EXIT_FAILURE 1
#define CS_CLI_EXIT_USAGE   2

/* Every option of every command; a command's table says which it takes. */
typedef struct
{
  char     *description;
  gboolean  disabled;
  char     *key_type;
  gboolean  discard;
  char     *subject[CS_N_SUBJECT_FIELDS];  /* by CsSubjectField */
  char     *csr_file_name;
  char     *digest;
  char     *path_length;
  char     *out;
  char     *what;
  gboolean  with_root;
  char     *to;
  gboolean  json;
} CsCliOptions;

typedef struct
{
  const char *long_name;
  GOptionArg  arg;              /* NONE, STRING or FILENAME */
  gsize       offset;           /* of the field in CsCliOptions */
  gboolean    required;
  const char *description;      /* N_() */
  const char *arg_description;  /* N_(), NULL for NONE */
} CsCliOption;

typedef struct
{
  char    *store_path;          /* --store, or NULL for the default */
  CsStore *store;               /* opened by cs_cli_open_store() */
} CsCli;

typedef gboolean (*CsCliRunFunc) (CsCli               *cli,
                                  const CsCliOptions  *options,
                                  char               **args,
                                  GError             **error);

typedef struct
{
  const char        *name;
  const char        *parameters;  /* "NAME CERT.pem", untranslated */
  guint              n_args;      /* how many the parameters are */
  const char        *summary;     /* N_() */
  const CsCliOption *options;     /* terminated by a NULL long_name */
  CsCliRunFunc       run;
} CsCliCommand;

/* cs-cli-util.c */
CsStore  *cs_cli_open_store    (CsCli               *cli,
                                GError             **error);
CsRecord *cs_cli_lookup        (CsCli               *cli,
                                const char          *name_or_id,
                                GError             **error);
GBytes   *cs_cli_read_input    (const char          *path,
                                GError             **error);
char     *cs_cli_input_name    (const char          *path);
gboolean  cs_cli_write_output  (const char          *path,
                                const char          *data,
                                GError             **error);
gboolean  cs_cli_is_stdout     (const char          *path);
char     *cs_cli_format_time   (GDateTime           *time,
                                const char          *format);
void      cs_cli_print_table   (GPtrArray           *rows,
                                guint                n_columns);
void      cs_cli_usage_error   (GError             **error,
                                const char          *format,
                                ...) G_GNUC_PRINTF (2, 3);

/* cs-cli-steps.c: the workflow of one record. */
gboolean  cs_cli_add           (CsCli *cli, const CsCliOptions *options, char **args, GError **error);
gboolean  cs_cli_keygen        (CsCli *cli, const CsCliOptions *options, char **args, GError **error);
gboolean  cs_cli_csr           (CsCli *cli, const CsCliOptions *options, char **args, GError **error);
gboolean  cs_cli_upload        (CsCli *cli, const CsCliOptions *options, char **args, GError **error);
gboolean  cs_cli_upload_chain  (CsCli *cli, const CsCliOptions *options, char **args, GError **error);
gboolean  cs_cli_finalize      (CsCli *cli, const CsCliOptions *options, char **args, GError **error);

/* cs-cli-manage.c: the records of the store and activation. */
gboolean  cs_cli_make_default  (CsCli *cli, const CsCliOptions *options, char **args, GError **error);
gboolean  cs_cli_enable        (CsCli *cli, const CsCliOptions *options, char **args, GError **error);
gboolean  cs_cli_disable       (CsCli *cli, const CsCliOptions *options, char **args, GError **error);
gboolean  cs_cli_delete        (CsCli *cli, const CsCliOptions *options, char **args, GError **error);
gboolean  cs_cli_activate      (CsCli *cli, const CsCliOptions *options, char **args, GError **error);
gboolean  cs_cli_public_key    (CsCli *cli, const CsCliOptions *options, char **args, GError **error);
gboolean  cs_cli_export        (CsCli *cli, const CsCliOptions *options, char **args, GError **error);

/* cs-cli-show.c: what the store holds. */
gboolean  cs_cli_list          (CsCli *cli, const CsCliOptions *options, char **args, GError **error);
gboolean  cs_cli_show          (CsCli *cli, const CsCliOptions *options, char **args, GError **error);
gboolean  cs_cli_history       (CsCli *cli, const CsCliOptions *options, char **args, GError **error);

G_END_DECLS
