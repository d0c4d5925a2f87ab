/* cs-cli-manage.c — the records of the store: make-default, enable,
 * disable, delete, activate, public-key, export
 *
 * Copyright 2026 The Chainsmith authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "cs-cli-private.h"
#include "cs-error.h"

gboolean
cs_cli_make_default (CsCli               *cli,
                     const CsCliOptions  *options,
                     char               **args,
                     GError             **error)
{
  CsRecord *record = cs_cli_lookup (cli, args[0], error);

  if (record == NULL || !cs_store_make_default_sync (cli->store, record, NULL, error))
    return FALSE;
  g_print (_("“%s” is the default; run “chainsmith-cli activate” to put it to use.\n"),
           cs_record_get_name (record));
  return TRUE;
}

static gboolean
set_enabled (CsCli     *cli,
             char     **args,
             gboolean   enabled,
             GError   **error)
{
  CsRecord *record = cs_cli_lookup (cli, args[0], error);

  if (record == NULL || !cs_store_set_enabled_sync (cli->store, record, enabled, NULL, error))
    return FALSE;
  g_print (enabled ? _("“%s” is enabled.\n") : _("“%s” is disabled.\n"),
           cs_record_get_name (record));
  return TRUE;
}

gboolean
cs_cli_enable (CsCli               *cli,
               const CsCliOptions  *options,
               char               **args,
               GError             **error)
{
  return set_enabled (cli, args, TRUE, error);
}

gboolean
cs_cli_disable (CsCli               *cli,
                const CsCliOptions  *options,
                char               **args,
                GError             **error)
{
  return set_enabled (cli, args, FALSE, error);
}

gboolean
cs_cli_delete (CsCli               *cli,
               const CsCliOptions  *options,
               char               **args,
               GError             **error)
{
  g_autoptr(CsRecord) record = NULL;
  g_autofree char *name = NULL;

  /* A reference of our own: the store drops its reference on deleting it. */
  if ((record = cs_cli_lookup (cli, args[0], error)) == NULL)
    return FALSE;
  g_object_ref (record);
  name = g_strdup (cs_record_get_name (record));
  if (!cs_store_delete_record_sync (cli->store, record, NULL, error))
    return FALSE;
  g_print (_("Deleted “%s” and destroyed its key.\n"), name);
  return TRUE;
}

gboolean
cs_cli_activate (CsCli               *cli,
                 const CsCliOptions  *options,
                 char               **args,
                 GError             **error)
{
  CsStore *store = cs_cli_open_store (cli, error);
  g_autofree char *dir = NULL;
  g_auto(GStrv) changes = NULL;
  CsRecord *active;

  if (store == NULL)
    return FALSE;
  /* Absolute, as the bundle's README names it. */
  dir = options->to != NULL ? g_canonicalize_filename (options->to, NULL)
                            : cs_store_dup_default_deploy_dir ();
  changes = g_strdupv ((char **) cs_store_get_pending_changes (store));
  if (!cs_store_activate_sync (store, dir, NULL, error))
    return FALSE;

  active = cs_store_get_active_default_record (store);
  if (active != NULL)
    g_print (_("Activated. The deploy bundle of “%s” is in %s.\n"), cs_record_get_name (active),
             dir);
  else
    g_print (_("Activated. There is no default certificate: %s is empty.\n"), dir);
  if (changes != NULL && changes[0] != NULL)
    g_print ("%s\n", _("Changes put to use:"));
  for (guint i = 0; changes != NULL && changes[i] != NULL; i++)
    g_print ("  %s\n", changes[i]);
  return TRUE;
}

static gboolean
write_public_key (CsRecord    *record,
                  const char  *out,
                  GError     **error)
{
  if (!cs_record_get_has_key (record))
    {
      g_set_error (error, CS_ERROR, CS_ERROR_WRONG_STATE,
                   _("“%s” has no key pair yet; run “chainsmith-cli keygen” first."),
                   cs_record_get_name (record));
      return FALSE;
    }
  return cs_cli_write_output (out, cs_record_get_public_key (record), error);
}

gboolean
cs_cli_public_key (CsCli               *cli,
                   const CsCliOptions  *options,
                   char               **args,
                   GError             **error)
{
  CsRecord *record = cs_cli_lookup (cli, args[0], error);

  return record != NULL && write_public_key (record, options->out, error);
}

/* The stored chain without its root, or with it (once). */
static char *
make_chain (CsRecordDetails  *details,
            gboolean          with_root)
{
  const char *chain = cs_record_details_get_chain_pem (details);
  const char *root = cs_record_details_get_root_pem (details);
  const char *found;
  GString *text = g_string_new (chain);

  if (root != NULL && *root != '\0' && (found = strstr (text->str, root)) != NULL)
    g_string_erase (text, found - text->str, strlen (root));
  if (with_root && root != NULL)
    g_string_append (text, root);
  return g_string_free (text, FALSE);
}

static char *
export_chain (CsRecord         *record,
              CsRecordDetails  *details,
              gboolean          with_root,
              GError          **error)
{
  const char *name = cs_record_get_name (record);

  if (!cs_record_get_has_chain (record))
    g_set_error (error, CS_ERROR, CS_ERROR_WRONG_STATE,
                 _("“%s” has no chain; upload one with “chainsmith-cli upload-chain”."), name);
  else if (with_root && !cs_record_get_has_root (record))
    g_set_error (error, CS_ERROR, CS_ERROR_WRONG_STATE,
                 _("The root of “%s” is not known: its chain was uploaded without it."), name);
  else
    return make_chain (details, with_root);
  return NULL;
}

static char *
export_text (CsRecord         *record,
             CsRecordDetails  *details,
             const char       *what,
             gboolean          with_root,
             GError          **error)
{
  const char *name = cs_record_get_name (record);
  const char *text;

  if (g_str_equal (what, "chain"))
    return export_chain (record, details, with_root, error);
  if (g_str_equal (what, "public-key"))
    text = cs_record_get_public_key (record);
  else if (g_str_equal (what, "csr"))
    text = cs_record_details_get_csr_pem (details);
  else
    text = cs_record_details_get_certificate_pem (details);
  if (text != NULL && *text != '\0')
    return g_strdup (text);

  if (g_str_equal (what, "public-key"))
    g_set_error (error, CS_ERROR, CS_ERROR_WRONG_STATE,
                 _("“%s” has no key pair yet; run “chainsmith-cli keygen” first."), name);
  else if (g_str_equal (what, "csr"))
    g_set_error (error, CS_ERROR, CS_ERROR_WRONG_STATE,
                 _("“%s” has no CSR yet; run “chainsmith-cli csr” first."), name);
  else
    g_set_error (error, CS_ERROR, CS_ERROR_WRONG_STATE,
                 _("“%s” has no certificate yet; run “chainsmith-cli upload” first."), name);
  return NULL;
}

gboolean
cs_cli_export (CsCli               *cli,
               const CsCliOptions  *options,
               char               **args,
               GError             **error)
{
  static const char * const whats[] = { "certificate", "chain", "csr", "public-key", NULL };
  g_autoptr(CsRecordDetails) details = NULL;
  g_autofree char *text = NULL;
  CsRecord *record;

  if (!g_strv_contains (whats, options->what))
    {
      cs_cli_usage_error (error, _("--what must be certificate, chain, csr or public-key, not "
                                   "“%s”"), options->what);
      return FALSE;
    }
  if ((record = cs_cli_lookup (cli, args[0], error)) == NULL ||
      (details = cs_store_load_details_sync (cli->store, record, NULL, error)) == NULL ||
      (text = export_text (record, details, options->what, options->with_root, error)) == NULL)
    return FALSE;
  return cs_cli_write_output (options->out, text, error);
}
