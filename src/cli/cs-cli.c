/* cs-cli.c — chainsmith-cli: global options, the command table, parsing
 *
 * Copyright 2026 The Chainsmith authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "cs-cli.h"
#include "cs-cli-private.h"

#define OPT(field) G_STRUCT_OFFSET (CsCliOptions, field)
#define SUBJECT(f) (OPT (subject) + (f) * sizeof (char *))

static const CsCliOption no_options[] = {
  { NULL }
};

static const CsCliOption add_options[] = {
  { "description", G_OPTION_ARG_STRING, OPT (description), FALSE,
    N_("A description of the certificate"), N_("TEXT") },
  { "disabled", G_OPTION_ARG_NONE, OPT (disabled), FALSE,
    N_("Create it disabled (it is enabled by default)"), NULL },
  { NULL }
};

static const CsCliOption keygen_options[] = {
  { "key-type", G_OPTION_ARG_STRING, OPT (key_type), FALSE,
    N_("The key type (default: rsa2048)"), "rsa2048|rsa3072|rsa4096|p256|p384" },
  { "discard", G_OPTION_ARG_NONE, OPT (discard), FALSE,
    N_("Confirm that a new key pair discards the CSR, certificate and chain of the draft"), NULL },
  { NULL }
};

static const CsCliOption csr_options[] = {
  { "cn", G_OPTION_ARG_STRING, SUBJECT (CS_SUBJECT_COMMON_NAME), TRUE,
    N_("Common Name (CN) of the intermediate CA"), N_("TEXT") },
  { "org", G_OPTION_ARG_STRING, SUBJECT (CS_SUBJECT_ORGANIZATION), TRUE,
    N_("Organization (O)"), N_("TEXT") },
  { "dept", G_OPTION_ARG_STRING, SUBJECT (CS_SUBJECT_DEPARTMENT), FALSE,
    N_("Department Name (OU)"), N_("TEXT") },
  { "city", G_OPTION_ARG_STRING, SUBJECT (CS_SUBJECT_CITY), FALSE,
    N_("Town/City (L)"), N_("TEXT") },
  { "state", G_OPTION_ARG_STRING, SUBJECT (CS_SUBJECT_STATE), FALSE,
    N_("Province/Region/County/State (ST)"), N_("TEXT") },
  { "country", G_OPTION_ARG_STRING, SUBJECT (CS_SUBJECT_COUNTRY), TRUE,
    N_("Country (C), a two-letter ISO 3166 code such as DE or US"), "XX" },
  { "file-name", G_OPTION_ARG_STRING, OPT (csr_file_name), FALSE,
    N_("The CSR file name (default: the record’s name)"), N_("NAME") },
  { "digest", G_OPTION_ARG_STRING, OPT (digest), FALSE,
    N_("The signature algorithm (default: sha256)"), "sha256|sha384|sha512" },
  { "pathlen", G_OPTION_ARG_STRING, OPT (path_length), FALSE,
    N_("The path length constraint to request (default: 1)"), "0|1" },
  { "discard", G_OPTION_ARG_NONE, OPT (discard), FALSE,
    N_("Confirm that a new CSR discards the uploaded certificate and chain of the draft"), NULL },
  { "out", G_OPTION_ARG_FILENAME, OPT (out), FALSE,
    N_("Write the CSR to FILE (default: standard output)"), N_("FILE") },
  { NULL }
};

static const CsCliOption out_options[] = {
  { "out", G_OPTION_ARG_FILENAME, OPT (out), FALSE,
    N_("Write to FILE (default: standard output)"), N_("FILE") },
  { NULL }
};

static const CsCliOption activate_options[] = {
  { "to", G_OPTION_ARG_FILENAME, OPT (to), FALSE,
    N_("Publish the deploy bundle into DIR (default: the data folder’s “active”)"), N_("DIR") },
  { NULL }
};

static const CsCliOption json_options[] = {
  { "json", G_OPTION_ARG_NONE, OPT (json), FALSE,
    N_("Print JSON, for scripts"), NULL },
  { NULL }
};

static const CsCliOption export_options[] = {
  { "what", G_OPTION_ARG_STRING, OPT (what), TRUE,
    N_("What to write"), "certificate|chain|csr|public-key" },
  { "with-root", G_OPTION_ARG_NONE, OPT (with_root), FALSE,
    N_("Add the root to the chain (it is left out by default)"), NULL },
  { "out", G_OPTION_ARG_FILENAME, OPT (out), FALSE,
    N_("Write to FILE (default: standard output)"), N_("FILE") },
  { NULL }
};

static const CsCliCommand commands[] = {
  { "add", "NAME", 1, N_("Create a record: the General step"), add_options, cs_cli_add },
  { "keygen", "NAME", 1, N_("Generate the key pair of a record"), keygen_options, cs_cli_keygen },
  { "csr", "NAME", 1, N_("Generate the certificate request (CSR) of a record"), csr_options,
    cs_cli_csr },
  { "public-key", "NAME", 1, N_("Write the public key of a record"), out_options,
    cs_cli_public_key },
  { "upload", "NAME CERT.pem", 2, N_("Check and store the signed intermediate certificate"),
    no_options, cs_cli_upload },
  { "upload-chain", "NAME CHAIN.pem", 2,
    N_("Check and store the chain of issuers of the certificate"), no_options,
    cs_cli_upload_chain },
  { "finalize", "NAME", 1, N_("Make a record with an uploaded certificate ready"), no_options,
    cs_cli_finalize },
  { "make-default", "NAME", 1, N_("Make a ready, enabled record the default"), no_options,
    cs_cli_make_default },
  { "enable", "NAME", 1, N_("Enable a record"), no_options, cs_cli_enable },
  { "disable", "NAME", 1, N_("Disable a record"), no_options, cs_cli_disable },
  { "activate", "", 0, N_("Activate the saved configuration and publish the deploy bundle"),
    activate_options, cs_cli_activate },
  { "list", "", 0, N_("List the records"), json_options, cs_cli_list },
  { "show", "NAME", 1, N_("Show every field of a record and the checks of its certificate"),
    no_options, cs_cli_show },
  { "export", "NAME", 1, N_("Write the certificate, chain, CSR or public key of a record"),
    export_options, cs_cli_export },
  { "history", "", 0, N_("List the events of the store, newest first"), json_options,
    cs_cli_history },
  { "delete", "NAME", 1, N_("Delete a record and destroy its key"), no_options, cs_cli_delete },
};

static const CsCliCommand *
find_command (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_str_equal (commands[i].name, name))
      return &commands[i];
  return NULL;
}

static void
print_usage (void)
{
  g_autofree char *default_path = cs_store_dup_default_path ();

  g_print ("%s", _("Usage: chainsmith-cli COMMAND [OPTIONS…]\n"
                   "\n"
                   "Manage the intermediate CA certificates of Chainsmith’s store.\n"
                   "\n"
                   "Commands:\n"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    g_print ("  %-14s %s\n", commands[i].name, _(commands[i].summary));
  g_print (_("\n"
             "Options, before the command:\n"
             "  --store PATH   Use the database at PATH (default: %s)\n"
             "  -h, --help     Show this help\n"
             "  --version      Print the version\n"
             "\n"
             "A record is named by its name or its numeric id. A FILE of “-” is standard\n"
             "input or standard output. “chainsmith-cli COMMAND --help” shows the options\n"
             "of a command.\n"
             "\n"
             "Exit status: 0 on success; 1 when the store refuses a change or an operation\n"
             "fails; 2 for a usage error. The reason is one line on standard error.\n"),
           default_path);
}

/* A message on one line: the reason is one line of standard error. */
static char *
one_line (const char *message)
{
  char *line = g_strstrip (g_strdup (message));

  for (char *p = line; *p != '\0'; p++)
    if (*p == '\n' || *p == '\r')
      *p = ' ';
  return line;
}

static char *
make_synopsis (const CsCliCommand *command)
{
  GString *synopsis = g_string_new ("chainsmith-cli ");

  g_string_append (synopsis, command->name);
  if (*command->parameters != '\0')
    g_string_append_printf (synopsis, " %s", command->parameters);
  for (const CsCliOption *o = command->options; o->long_name != NULL; o++)
    {
      g_autofree char *option = o->arg_description != NULL
        ? g_strdup_printf ("--%s %s", o->long_name, _(o->arg_description))
        : g_strdup_printf ("--%s", o->long_name);

      g_string_append_printf (synopsis, o->required ? " %s" : " [%s]", option);
    }
  return g_string_free (synopsis, FALSE);
}

static int
report_error (const CsCliCommand *command,
              const GError       *error)
{
  g_autofree char *message = one_line (error->message);

  if (error->domain == G_OPTION_ERROR)
    {
      g_autofree char *synopsis = make_synopsis (command);

      g_printerr (_("chainsmith-cli: %s (usage: %s)\n"), message, synopsis);
      return CS_CLI_EXIT_USAGE;
    }
  g_printerr ("chainsmith-cli: %s\n", message);
  return CS_CLI_EXIT_FAILURE;
}

static GOptionContext *
make_context (const CsCliCommand *command,
              CsCliOptions       *options,
              gboolean           *help)
{
  g_autoptr(GArray) entries = g_array_new (TRUE, TRUE, sizeof (GOptionEntry));
  GOptionEntry help_entry = { "help", 'h', 0, G_OPTION_ARG_NONE, help, N_("Show this help"), NULL };
  g_autofree char *prgname = g_strdup_printf ("chainsmith-cli %s", command->name);
  GOptionContext *context = g_option_context_new (command->parameters);

  for (const CsCliOption *o = command->options; o->long_name != NULL; o++)
    {
      GOptionEntry entry = { o->long_name, 0, 0, o->arg, (guint8 *) options + o->offset,
                             o->description, o->arg_description };

      g_array_append_val (entries, entry);
    }
  g_array_append_val (entries, help_entry);

  g_set_prgname (prgname);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_help_enabled (context, FALSE);
  g_option_context_set_summary (context, command->summary);
  g_option_context_add_main_entries (context, (GOptionEntry *) entries->data, GETTEXT_PACKAGE);
  return context;
}

static gboolean
check_arguments (const CsCliCommand  *command,
                 const CsCliOptions  *options,
                 int                  argc,
                 char               **argv,
                 GError             **error)
{
  g_auto(GStrv) parameters = g_strsplit (command->parameters, " ", -1);

  for (const CsCliOption *o = command->options; o->long_name != NULL; o++)
    if (o->required && G_STRUCT_MEMBER (char *, options, o->offset) == NULL)
      {
        cs_cli_usage_error (error, _("the option --%s is required"), o->long_name);
        return FALSE;
      }
  if ((guint) argc - 1 < command->n_args)
    cs_cli_usage_error (error, _("%s is missing"), parameters[argc - 1]);
  else if ((guint) argc - 1 > command->n_args)
    cs_cli_usage_error (error, _("unexpected argument “%s”"), argv[command->n_args + 1]);
  else
    return TRUE;
  return FALSE;
}

static void
options_clear (CsCliOptions *options)
{
  g_free (options->description);
  g_free (options->key_type);
  for (guint i = 0; i < CS_N_SUBJECT_FIELDS; i++)
    g_free (options->subject[i]);
  g_free (options->csr_file_name);
  g_free (options->digest);
  g_free (options->path_length);
  g_free (options->out);
  g_free (options->what);
  g_free (options->to);
}

/* Parses the command's options and runs it; @argv[0] is the command's name. */
static int
run_command (CsCli              *cli,
             const CsCliCommand *command,
             int                 argc,
             char              **argv)
{
  CsCliOptions options = { NULL, };
  gboolean help = FALSE;
  g_autoptr(GError) error = NULL;
  g_autoptr(GOptionContext) context = make_context (command, &options, &help);
  int status = CS_CLI_EXIT_OK;

  if (g_option_context_parse (context, &argc, &argv, &error) && help)
    {
      g_autofree char *text = g_option_context_get_help (context, TRUE, NULL);

      g_print ("%s", text);
    }
  else if (error != NULL ||
           !check_arguments (command, &options, argc, argv, &error) ||
           !command->run (cli, &options, argv + 1, &error))
    status = report_error (command, error);

  options_clear (&options);
  return status;
}

static int
usage_failure (const char *message)
{
  g_printerr (_("chainsmith-cli: %s; see “chainsmith-cli --help”\n"), message);
  return CS_CLI_EXIT_USAGE;
}

/* The options before the command. Returns -1 to go on with the command at
 * *@index, or the exit status. */
static int
parse_global_options (CsCli  *cli,
                      int     argc,
                      char  **argv,
                      int    *index)
{
  for (*index = 1; *index < argc && argv[*index][0] == '-'; (*index)++)
    {
      const char *arg = argv[*index];

      if (g_str_equal (arg, "--help") || g_str_equal (arg, "-h"))
        {
          print_usage ();
          return CS_CLI_EXIT_OK;
        }
      else if (g_str_equal (arg, "--version"))
        {
          g_print ("chainsmith-cli %s\n", PACKAGE_VERSION);
          return CS_CLI_EXIT_OK;
        }
      else if (g_str_equal (arg, "--store") && *index + 1 < argc)
        {
          g_free (cli->store_path);
          cli->store_path = g_strdup (argv[++(*index)]);
        }
      else if (g_str_has_prefix (arg, "--store="))
        {
          g_free (cli->store_path);
          cli->store_path = g_strdup (arg + strlen ("--store="));
        }
      else if (g_str_equal (arg, "--store"))
        return usage_failure (_("--store needs the PATH of a database"));
      else
        {
          g_autofree char *message = g_strdup_printf (_("unknown option “%s”"), arg);

          return usage_failure (message);
        }
    }
  return -1;
}

static int
run_help (int    argc,
          char **argv)
{
  const CsCliCommand *command;
  char *help_argv[] = { NULL, (char *) "--help", NULL };

  if (argc < 2)
    {
      print_usage ();
      return CS_CLI_EXIT_OK;
    }
  if ((command = find_command (argv[1])) == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("unknown command “%s”"), argv[1]);

      return usage_failure (message);
    }
  help_argv[0] = argv[1];
  return run_command (NULL, command, 2, help_argv);
}

static int
dispatch (CsCli  *cli,
          int     argc,
          char  **argv)
{
  const CsCliCommand *command;

  if (argc < 1)
    return usage_failure (_("no command given"));
  if (g_str_equal (argv[0], "help"))
    return run_help (argc, argv);
  if ((command = find_command (argv[0])) == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("unknown command “%s”"), argv[0]);

      return usage_failure (message);
    }
  return run_command (cli, command, argc, argv);
}

/**
 * cs_cli_run:
 * @argc: the number of arguments
 * @argv: the arguments, as main() got them
 *
 * Runs chainsmith-cli.
 *
 * Returns: the exit status: 0, 1 (refused or failed) or 2 (usage)
 */
int
cs_cli_run (int    argc,
            char **argv)
{
  CsCli cli = { NULL, NULL };
  int index;
  int status;

  status = parse_global_options (&cli, argc, argv, &index);
  if (status < 0)
    status = dispatch (&cli, argc - index, argv + index);

  g_clear_object (&cli.store);
  g_free (cli.store_path);
  return status;
}
