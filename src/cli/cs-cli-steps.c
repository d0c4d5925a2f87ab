/* cs-cli-steps.c — the workflow of one record: add, keygen, csr, upload,
 * upload-chain, finalize
 *
 * Copyright 2026 The Chainsmith authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "cs-cli-private.h"
#include "cs-error.h"

gboolean
cs_cli_add (CsCli               *cli,
            const CsCliOptions  *options,
            char               **args,
            GError             **error)
{
  CsStore *store = cs_cli_open_store (cli, error);
  g_autoptr(CsRecord) record = NULL;

  if (store == NULL)
    return FALSE;
  record = cs_store_create_record_sync (store, args[0],
                                        options->description != NULL ? options->description : "",
                                        !options->disabled, NULL, error);
  if (record == NULL)
    return FALSE;
  /* Translators: %s is a certificate's name, %lld its numeric id. */
  g_print (_("Added “%s” (id %lld).\n"),
           cs_record_get_name (record), (long long) cs_record_get_id (record));
  return TRUE;
}

static gboolean
parse_key_type (const char  *nick,
                CsKeyType   *key_type,
                GError     **error)
{
  *key_type = CS_KEY_TYPE_DEFAULT;
  if (nick == NULL || cs_key_type_from_nick (nick, key_type))
    return TRUE;
  cs_cli_usage_error (error, _("“%s” is not a key type; use rsa2048, rsa3072, rsa4096, p256 or "
                               "p384"), nick);
  return FALSE;
}

gboolean
cs_cli_keygen (CsCli               *cli,
               const CsCliOptions  *options,
               char               **args,
               GError             **error)
{
  CsKeyType key_type;
  CsRecord *record;

  if (!parse_key_type (options->key_type, &key_type, error) ||
      (record = cs_cli_lookup (cli, args[0], error)) == NULL)
    return FALSE;

  /* The store's own message asks to confirm; say how, on the command line. */
  if (!options->discard && cs_record_get_key_regeneration_discards (record))
    {
      g_set_error (error, CS_ERROR, CS_ERROR_RULE,
                   _("A new key pair for “%s” discards its CSR, certificate and chain; add "
                     "--discard to go on."), cs_record_get_name (record));
      return FALSE;
    }
  if (!cs_store_generate_key_pair_sync (cli->store, record, key_type, options->discard, NULL,
                                        error))
    return FALSE;
  g_print (_("Generated the %s key pair of “%s”.\nSHA-256 fingerprint: %s\n"),
           cs_key_type_get_label (cs_record_get_key_type (record)), cs_record_get_name (record),
           cs_record_get_key_fingerprint (record));
  return TRUE;
}

static gboolean
parse_csr_options (const CsCliOptions  *options,
                   CsDigest            *digest,
                   guint               *path_length,
                   GError             **error)
{
  *digest = CS_DIGEST_DEFAULT;
  *path_length = 1;
  if (options->digest != NULL && !cs_digest_from_nick (options->digest, digest))
    cs_cli_usage_error (error, _("“%s” is not a signature algorithm; use sha256, sha384 or "
                                 "sha512"), options->digest);
  else if (options->path_length != NULL && !g_str_equal (options->path_length, "0") &&
           !g_str_equal (options->path_length, "1"))
    cs_cli_usage_error (error, _("the path length constraint must be 0 or 1, not “%s”"),
                        options->path_length);
  else
    {
      if (options->path_length != NULL)
        *path_length = options->path_length[0] == '0' ? 0 : 1;
      return TRUE;
    }
  return FALSE;
}

static CsSubject *
make_subject (const CsCliOptions  *options,
              GError             **error)
{
  g_autoptr(CsSubject) subject = cs_subject_new ();

  for (guint i = 0; i < CS_N_SUBJECT_FIELDS; i++)
    cs_subject_set (subject, i, options->subject[i] != NULL ? options->subject[i] : "");
  if (!cs_subject_validate (subject, error))
    return NULL;
  return g_steal_pointer (&subject);
}

static gboolean
check_csr_discard (CsRecord            *record,
                   const CsCliOptions  *options,
                   GError             **error)
{
  if (options->discard || !cs_record_get_csr_regeneration_discards (record))
    return TRUE;
  g_set_error (error, CS_ERROR, CS_ERROR_RULE,
               _("A new CSR for “%s” discards its uploaded certificate and chain; add --discard "
                 "to go on."), cs_record_get_name (record));
  return FALSE;
}

static gboolean
write_csr (CsCli       *cli,
           CsRecord    *record,
           const char  *out,
           GError     **error)
{
  g_autoptr(CsRecordDetails) details = cs_store_load_details_sync (cli->store, record, NULL, error);

  if (details == NULL || !cs_cli_write_output (out, cs_record_details_get_csr_pem (details), error))
    return FALSE;
  if (!cs_cli_is_stdout (out))
    g_print (_("Saved the CSR of “%s” as %s.\n"), cs_record_get_name (record), out);
  return TRUE;
}

gboolean
cs_cli_csr (CsCli               *cli,
            const CsCliOptions  *options,
            char               **args,
            GError             **error)
{
  g_autoptr(CsSubject) subject = NULL;
  CsRecord *record;
  CsDigest digest;
  guint path_length;

  if (!parse_csr_options (options, &digest, &path_length, error) ||
      (subject = make_subject (options, error)) == NULL ||
      (record = cs_cli_lookup (cli, args[0], error)) == NULL ||
      !check_csr_discard (record, options, error) ||
      !cs_store_generate_csr_sync (cli->store, record, subject, digest, path_length,
                                   options->csr_file_name, options->discard, NULL, error))
    return FALSE;
  return write_csr (cli, record, options->out, error);
}

typedef gboolean (*UploadFunc) (CsStore              *store,
                                CsRecord             *record,
                                GBytes               *data,
                                const char           *file_name,
                                CsInspectionReport  **report,
                                GCancellable         *cancellable,
                                GError              **error);

/* The report is printed whether the upload was accepted or not. */
static gboolean
upload (CsCli       *cli,
        char       **args,
        UploadFunc   func,
        GError     **error)
{
  g_autoptr(CsInspectionReport) report = NULL;
  g_autoptr(GBytes) data = NULL;
  g_autofree char *file_name = NULL;
  CsRecord *record;
  gboolean ok;

  if ((record = cs_cli_lookup (cli, args[0], error)) == NULL ||
      (data = cs_cli_read_input (args[1], error)) == NULL)
    return FALSE;
  file_name = cs_cli_input_name (args[1]);
  ok = func (cli->store, record, data, file_name, &report, NULL, error);
  if (report != NULL)
    {
      g_autofree char *text = cs_inspection_report_to_text (report);

      g_print ("%s", text);
    }
  if (ok)
    g_print (_("Stored. “%s” is now: %s.\n"), cs_record_get_name (record),
             cs_record_get_state_label (record));
  return ok;
}

gboolean
cs_cli_upload (CsCli               *cli,
               const CsCliOptions  *options,
               char               **args,
               GError             **error)
{
  return upload (cli, args, cs_store_upload_certificate_sync, error);
}

gboolean
cs_cli_upload_chain (CsCli               *cli,
                     const CsCliOptions  *options,
                     char               **args,
                     GError             **error)
{
  return upload (cli, args, cs_store_upload_chain_sync, error);
}

gboolean
cs_cli_finalize (CsCli               *cli,
                 const CsCliOptions  *options,
                 char               **args,
                 GError             **error)
{
  CsRecord *record = cs_cli_lookup (cli, args[0], error);

  if (record == NULL || !cs_store_finalize_sync (cli->store, record, NULL, error))
    return FALSE;
  g_print (_("“%s” is ready.\n"), cs_record_get_name (record));
  return TRUE;
}
