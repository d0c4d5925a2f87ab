/* cs-cli-show.c — what the store holds: list, show, history
 *
 * Copyright 2026 The Chainsmith authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "cs-cli-private.h"

#define TIME_FORMAT "%Y-%m-%d %H:%M:%S %z"

static void
print_json (JsonNode *node)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_root (generator, node);
  text = json_generator_to_data (generator, NULL);
  g_print ("%s\n", text);
}

static void
add_time (JsonBuilder *builder,
          const char  *member,
          GDateTime   *time)
{
  json_builder_set_member_name (builder, member);
  if (time != NULL)
    json_builder_add_int_value (builder, g_date_time_to_unix (time));
  else
    json_builder_add_null_value (builder);
}

static void
add_string (JsonBuilder *builder,
            const char  *member,
            const char  *value)
{
  json_builder_set_member_name (builder, member);
  json_builder_add_string_value (builder, value != NULL ? value : "");
}

static void
add_key_fields (JsonBuilder *builder,
                CsRecord    *record)
{
  gboolean has_key = cs_record_get_has_key (record);

  add_string (builder, "keyType",
              has_key ? cs_key_type_get_api_name (cs_record_get_key_type (record)) : "");
  json_builder_set_member_name (builder, "keySize");
  json_builder_add_int_value (builder, cs_record_get_key_size (record));
  add_string (builder, "publicKey", cs_record_get_public_key (record));
  add_string (builder, "keyFingerprint", cs_record_get_key_fingerprint (record));
  add_time (builder, "keyGenerationTime", cs_record_get_key_generation_time (record));
}

static void
add_csr_fields (JsonBuilder *builder,
                CsRecord    *record)
{
  gboolean has_csr = cs_record_get_current_state (record) >= CS_RECORD_STATE_CSRGEN_DONE;
  g_autoptr(CsSubject) subject = cs_record_dup_subject (record);

  add_string (builder, "csrFileName", cs_record_get_csr_file_name (record));
  add_time (builder, "csrGenerationTime", cs_record_get_csr_generation_time (record));
  for (guint i = 0; i < CS_N_SUBJECT_FIELDS; i++)
    add_string (builder, cs_subject_field_get_api_name (i), cs_subject_get (subject, i));
  add_string (builder, "signatureAlgorithm",
              has_csr ? cs_digest_get_api_name (cs_record_get_signature_algorithm (record)) : "");
  json_builder_set_member_name (builder, "pathLengthConstraint");
  json_builder_add_int_value (builder, cs_record_get_path_length_constraint (record));
}

static void
add_boolean (JsonBuilder *builder,
             const char  *member,
             gboolean     value)
{
  json_builder_set_member_name (builder, member);
  json_builder_add_boolean_value (builder, value);
}

/* The record with the console's API field names. */
static void
add_record (JsonBuilder *builder,
            CsRecord    *record)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_int_value (builder, cs_record_get_id (record));
  add_string (builder, "name", cs_record_get_name (record));
  add_string (builder, "description", cs_record_get_description (record));
  add_string (builder, "type", cs_record_get_protection_type (record));
  add_string (builder, "region", cs_record_get_region (record));
  add_string (builder, "status", cs_record_get_status_api_name (record));
  add_boolean (builder, "defaultCertificate", cs_record_get_default_certificate (record));
  add_string (builder, "currentState",
              cs_record_state_get_api_name (cs_record_get_current_state (record)));
  add_key_fields (builder, record);
  add_csr_fields (builder, record);
  add_string (builder, "uploadedCertFileName", cs_record_get_uploaded_cert_file_name (record));
  add_string (builder, "uploadedChainFileName", cs_record_get_uploaded_chain_file_name (record));
  add_time (builder, "certStartDate", cs_record_get_cert_start_date (record));
  add_time (builder, "certExpDate", cs_record_get_cert_exp_date (record));
  add_boolean (builder, "hasChain", cs_record_get_has_chain (record));
  add_boolean (builder, "hasRoot", cs_record_get_has_root (record));
  add_boolean (builder, "activeEnabled", cs_record_get_active_enabled (record));
  add_boolean (builder, "activeDefault", cs_record_get_active_default (record));
  json_builder_end_object (builder);
}

static void
list_json (GListModel *records)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_array (builder);
  for (guint i = 0; i < g_list_model_get_n_items (records); i++)
    {
      g_autoptr(CsRecord) record = g_list_model_get_item (records, i);

      add_record (builder, record);
    }
  json_builder_end_array (builder);
  root = json_builder_get_root (builder);
  print_json (root);
}

static void
print_pending (CsStore *store)
{
  const char * const *changes = cs_store_get_pending_changes (store);
  guint n = cs_store_get_n_pending_changes (store);

  if (n == 0)
    return;
  g_print (ngettext ("\n%u pending change; “chainsmith-cli activate” puts it to use:\n",
                     "\n%u pending changes; “chainsmith-cli activate” puts them to use:\n", n), n);
  for (guint i = 0; changes != NULL && changes[i] != NULL; i++)
    g_print ("  %s\n", changes[i]);
}

static void
list_table (CsStore *store)
{
  GListModel *records = cs_store_get_records (store);
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_add (rows, g_strdup (_("ID")));
  g_ptr_array_add (rows, g_strdup (_("NAME")));
  g_ptr_array_add (rows, g_strdup (_("STATE")));
  g_ptr_array_add (rows, g_strdup (_("STATUS")));
  g_ptr_array_add (rows, g_strdup (_("DEFAULT")));
  g_ptr_array_add (rows, g_strdup (_("EXPIRES")));
  for (guint i = 0; i < g_list_model_get_n_items (records); i++)
    {
      g_autoptr(CsRecord) record = g_list_model_get_item (records, i);

      g_ptr_array_add (rows, g_strdup_printf ("%" G_GINT64_FORMAT, cs_record_get_id (record)));
      g_ptr_array_add (rows, g_strdup (cs_record_get_name (record)));
      g_ptr_array_add (rows, g_strdup (cs_record_state_get_api_name (cs_record_get_current_state (record))));
      g_ptr_array_add (rows, g_strdup (cs_record_get_status_api_name (record)));
      g_ptr_array_add (rows, g_strdup (cs_record_get_default_certificate (record) ? "*" : ""));
      g_ptr_array_add (rows, cs_cli_format_time (cs_record_get_cert_exp_date (record), "%Y-%m-%d"));
    }
  cs_cli_print_table (rows, 6);
  print_pending (store);
}

gboolean
cs_cli_list (CsCli               *cli,
             const CsCliOptions  *options,
             char               **args,
             GError             **error)
{
  CsStore *store = cs_cli_open_store (cli, error);

  if (store == NULL)
    return FALSE;
  if (options->json)
    list_json (cs_store_get_records (store));
  else
    list_table (store);
  return TRUE;
}

/* show */

static void
add_field (GPtrArray  *rows,
           const char *label,
           char       *value)
{
  g_ptr_array_add (rows, g_strdup_printf ("%s:", label));
  g_ptr_array_add (rows, value != NULL && *value != '\0' ? value : g_strdup ("—"));
  if (value != NULL && *value == '\0')
    g_free (value);
}

static char *
yes_no (gboolean value)
{
  return g_strdup (value ? _("yes") : _("no"));
}

static void
add_general_fields (GPtrArray *rows,
                    CsRecord  *record)
{
  CsRecordState state = cs_record_get_current_state (record);

  add_field (rows, _("ID"), g_strdup_printf ("%" G_GINT64_FORMAT, cs_record_get_id (record)));
  add_field (rows, _("Name"), g_strdup (cs_record_get_name (record)));
  add_field (rows, _("Description"), g_strdup (cs_record_get_description (record)));
  add_field (rows, _("Protection type"), g_strdup (cs_record_get_protection_type (record)));
  add_field (rows, _("Region"), g_strdup (cs_record_get_region (record)));
  add_field (rows, _("Status"), g_strdup (cs_record_get_status_api_name (record)));
  add_field (rows, _("Default certificate"), yes_no (cs_record_get_default_certificate (record)));
  add_field (rows, _("State"), g_strdup_printf ("%s (%s)", cs_record_state_get_api_name (state),
                                                cs_record_state_get_label (state)));
}

static void
add_key_rows (GPtrArray *rows,
              CsRecord  *record)
{
  CsKeyType type = cs_record_get_key_type (record);
  gboolean has_key = cs_record_get_has_key (record);

  add_field (rows, _("Key type"),
             has_key ? g_strdup_printf ("%s (%s)", cs_key_type_get_label (type),
                                        cs_key_type_get_api_name (type))
                     : NULL);
  add_field (rows, _("Key size"),
             has_key ? g_strdup_printf ("%u", cs_record_get_key_size (record)) : NULL);
  add_field (rows, _("Key fingerprint (SHA-256)"), g_strdup (cs_record_get_key_fingerprint (record)));
  add_field (rows, _("Key generated"),
             has_key ? cs_cli_format_time (cs_record_get_key_generation_time (record), TIME_FORMAT)
                     : NULL);
}

static void
add_csr_rows (GPtrArray *rows,
              CsRecord  *record)
{
  gboolean has_csr = cs_record_get_current_state (record) >= CS_RECORD_STATE_CSRGEN_DONE;
  g_autoptr(CsSubject) subject = cs_record_dup_subject (record);

  add_field (rows, _("CSR file name"), g_strdup (cs_record_get_csr_file_name (record)));
  add_field (rows, _("CSR generated"),
             has_csr ? cs_cli_format_time (cs_record_get_csr_generation_time (record), TIME_FORMAT)
                     : NULL);
  for (guint i = 0; i < CS_N_SUBJECT_FIELDS; i++)
    add_field (rows, cs_subject_field_get_label (i), g_strdup (cs_subject_get (subject, i)));
  add_field (rows, _("Signature algorithm"),
             has_csr ? g_strdup (cs_digest_get_label (cs_record_get_signature_algorithm (record)))
                     : NULL);
  add_field (rows, _("Path length constraint"),
             has_csr ? g_strdup_printf ("%d", cs_record_get_path_length_constraint (record)) : NULL);
}

static char *
describe_chain (CsRecord *record)
{
  if (!cs_record_get_has_chain (record))
    return g_strdup (_("none"));
  return g_strdup (cs_record_get_has_root (record) ? _("uploaded, with its root")
                                                   : _("uploaded, without a root"));
}

static char *
describe_activation (CsRecord *record)
{
  GString *text = g_string_new (cs_record_get_active_enabled (record) ? _("enabled")
                                                                      : _("not enabled"));

  if (cs_record_get_active_default (record))
    g_string_append_printf (text, ", %s", _("the default"));
  if (cs_record_get_certificate_pending (record))
    g_string_append_printf (text, "; %s", _("certificate replaced since"));
  if (cs_record_get_chain_pending (record))
    g_string_append_printf (text, "; %s", _("chain replaced since"));
  return g_string_free (text, FALSE);
}

static void
add_certificate_rows (GPtrArray *rows,
                      CsRecord  *record)
{
  add_field (rows, _("Uploaded certificate file"),
             g_strdup (cs_record_get_uploaded_cert_file_name (record)));
  add_field (rows, _("Uploaded chain file"),
             g_strdup (cs_record_get_uploaded_chain_file_name (record)));
  add_field (rows, _("Valid from"),
             cs_record_get_cert_start_date (record) != NULL
               ? cs_cli_format_time (cs_record_get_cert_start_date (record), TIME_FORMAT) : NULL);
  add_field (rows, _("Expires"),
             cs_record_get_cert_exp_date (record) != NULL
               ? cs_cli_format_time (cs_record_get_cert_exp_date (record), TIME_FORMAT) : NULL);
  add_field (rows, _("Chain"), describe_chain (record));
  add_field (rows, _("As last activated"), describe_activation (record));
}

/* The chain as cs_inspect() takes it: the issuers, then the root once. */
static GBytes *
stored_chain (CsRecordDetails *details)
{
  const char *chain = cs_record_details_get_chain_pem (details);
  const char *root = cs_record_details_get_root_pem (details);
  GString *text = g_string_new (chain);

  if (root != NULL && strstr (text->str, root) == NULL)
    g_string_append (text, root);
  if (text->len == 0)
    {
      g_string_free (text, TRUE);
      return NULL;
    }
  return g_string_free_to_bytes (text);
}

static void
print_report (CsRecord        *record,
              CsRecordDetails *details)
{
  const char *certificate = cs_record_details_get_certificate_pem (details);
  g_autoptr(CsInspectionReport) report = NULL;
  g_autoptr(GBytes) certificate_bytes = NULL;
  g_autoptr(GBytes) chain = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *text = NULL;

  if (certificate == NULL || *certificate == '\0')
    {
      g_print ("\n%s\n", _("No certificate is uploaded yet."));
      return;
    }
  certificate_bytes = g_bytes_new (certificate, strlen (certificate));
  chain = stored_chain (details);
  report = cs_inspect (cs_record_details_get_key_pair (details),
                       cs_record_details_get_csr_pem (details),
                       MAX (cs_record_get_path_length_constraint (record), 0),
                       certificate_bytes, chain, now);
  text = cs_inspection_report_to_text (report);
  g_print ("\n%s\n%s", _("Checks of the stored certificate and chain, now:"), text);
}

gboolean
cs_cli_show (CsCli               *cli,
             const CsCliOptions  *options,
             char               **args,
             GError             **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(CsRecordDetails) details = NULL;
  CsRecord *record;
  const char *public_key;

  if ((record = cs_cli_lookup (cli, args[0], error)) == NULL ||
      (details = cs_store_load_details_sync (cli->store, record, NULL, error)) == NULL)
    return FALSE;

  add_general_fields (rows, record);
  add_key_rows (rows, record);
  add_csr_rows (rows, record);
  add_certificate_rows (rows, record);
  cs_cli_print_table (rows, 2);
  if ((public_key = cs_record_get_public_key (record)) != NULL)
    g_print ("\n%s\n%s", _("Public key:"), public_key);
  print_report (record, details);
  return TRUE;
}

/* history */

static void
history_json (GListModel *events)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_array (builder);
  for (guint i = 0; i < g_list_model_get_n_items (events); i++)
    {
      g_autoptr(CsHistoryEvent) event = g_list_model_get_item (events, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_int_value (builder, cs_history_event_get_id (event));
      add_time (builder, "time", cs_history_event_get_time (event));
      add_string (builder, "kind", cs_history_kind_get_api_name (cs_history_event_get_kind (event)));
      json_builder_set_member_name (builder, "recordId");
      json_builder_add_int_value (builder, cs_history_event_get_record_id (event));
      add_string (builder, "recordName", cs_history_event_get_record_name (event));
      add_string (builder, "summary", cs_history_event_get_summary (event));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  root = json_builder_get_root (builder);
  print_json (root);
}

static void
history_table (GListModel *events)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_add (rows, g_strdup (_("TIME")));
  g_ptr_array_add (rows, g_strdup (_("EVENT")));
  for (guint i = 0; i < g_list_model_get_n_items (events); i++)
    {
      g_autoptr(CsHistoryEvent) event = g_list_model_get_item (events, i);

      g_ptr_array_add (rows, cs_cli_format_time (cs_history_event_get_time (event),
                                                 "%Y-%m-%d %H:%M:%S"));
      g_ptr_array_add (rows, g_strdup (cs_history_event_get_summary (event)));
    }
  cs_cli_print_table (rows, 2);
}

gboolean
cs_cli_history (CsCli               *cli,
                const CsCliOptions  *options,
                char               **args,
                GError             **error)
{
  CsStore *store = cs_cli_open_store (cli, error);
  g_autoptr(GListModel) events = NULL;

  if (store == NULL || (events = cs_store_load_history_sync (store, NULL, error)) == NULL)
    return FALSE;
  if (options->json)
    history_json (events);
  else
    history_table (events);
  return TRUE;
}
