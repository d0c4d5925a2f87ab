/* cs-inspection.c — the checks on an uploaded certificate and chain (SPEC §4)
 *
 * Copyright 2026 The Chainsmith authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <openssl/bn.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/x509v3.h>

#include "cs-inspection-private.h"

/**
 * SECTION:cs-inspection
 * @title: CsInspectionReport
 *
 * cs_inspect() checks an uploaded intermediate certificate, and optionally
 * its chain, against the record's key pair and request, and returns a
 * #CsInspectionReport: a #GListModel of #CsCheck, one per row of SPEC §4,
 * in that order, always all of them — the report is complete even after
 * the first failure, so that the admin sees every problem at once. A row
 * that cannot be evaluated because the certificate could not be read fails
 * with #CsCheck:checked %FALSE and says so; the "file" row names the real
 * problem. Rows that look at the chain still check its members then.
 *
 * The report also holds what to store when it is accepted (the certificate
 * as PEM, the ordered chain, the root) and the certificate's summary.
 */

struct _CsInspectionReport
{
  GObject       parent_instance;

  GPtrArray    *checks;
  CsCheckLevel  level;

  char         *certificate_pem;
  char         *chain_pem;
  char         *root_pem;
  guint         chain_length;
  gboolean      was_der;

  char         *subject;
  char         *common_name;
  char         *issuer;
  char         *serial;
  char         *fingerprint;
  char         *key_usage;
  char         *extended_key_usage;
  gint64        not_before;
  gint64        not_after;
  int           path_length;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CsInspectionReport, cs_inspection_report, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_LEVEL,
  PROP_ACCEPTED,
  PROP_WAS_DER,
  PROP_SUBJECT,
  PROP_ISSUER,
  PROP_SERIAL,
  PROP_FINGERPRINT,
  PROP_NOT_BEFORE,
  PROP_NOT_AFTER,
  PROP_PATH_LENGTH,
  PROP_KEY_USAGE,
  PROP_EXTENDED_KEY_USAGE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char *row_ids[CS_N_ROWS] = {
  [CS_ROW_FILE] = CS_CHECK_ID_FILE,
  [CS_ROW_KEY] = CS_CHECK_ID_KEY,
  [CS_ROW_SUBJECT] = CS_CHECK_ID_SUBJECT,
  [CS_ROW_CA] = CS_CHECK_ID_CA,
  [CS_ROW_KEY_USAGE] = CS_CHECK_ID_KEY_USAGE,
  [CS_ROW_PATH_LENGTH] = CS_CHECK_ID_PATH_LENGTH,
  [CS_ROW_VALIDITY] = CS_CHECK_ID_VALIDITY,
  [CS_ROW_ALGORITHMS] = CS_CHECK_ID_ALGORITHMS,
  [CS_ROW_EKU] = CS_CHECK_ID_EKU,
  [CS_ROW_NAME_CONSTRAINTS] = CS_CHECK_ID_NAME_CONSTRAINTS,
  [CS_ROW_CHAIN] = CS_CHECK_ID_CHAIN,
  [CS_ROW_DRY_RUN] = CS_CHECK_ID_DRY_RUN,
};

static GType
list_model_get_item_type (GListModel *model)
{
  return CS_TYPE_CHECK;
}

static guint
list_model_get_n_items (GListModel *model)
{
  return CS_INSPECTION_REPORT (model)->checks->len;
}

static gpointer
list_model_get_item (GListModel *model,
                     guint       position)
{
  CsInspectionReport *self = CS_INSPECTION_REPORT (model);

  if (position >= self->checks->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->checks, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = list_model_get_item_type;
  iface->get_n_items = list_model_get_n_items;
  iface->get_item = list_model_get_item;
}

static void
cs_inspection_report_finalize (GObject *object)
{
  CsInspectionReport *self = CS_INSPECTION_REPORT (object);

  g_ptr_array_unref (self->checks);
  g_free (self->certificate_pem);
  g_free (self->chain_pem);
  g_free (self->root_pem);
  g_free (self->subject);
  g_free (self->common_name);
  g_free (self->issuer);
  g_free (self->serial);
  g_free (self->fingerprint);
  g_free (self->key_usage);
  g_free (self->extended_key_usage);

  G_OBJECT_CLASS (cs_inspection_report_parent_class)->finalize (object);
}

static void
cs_inspection_report_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  CsInspectionReport *self = CS_INSPECTION_REPORT (object);

  switch (prop_id)
    {
    case PROP_LEVEL:
      g_value_set_enum (value, self->level);
      break;
    case PROP_ACCEPTED:
      g_value_set_boolean (value, cs_inspection_report_get_accepted (self));
      break;
    case PROP_WAS_DER:
      g_value_set_boolean (value, self->was_der);
      break;
    case PROP_SUBJECT:
      g_value_set_string (value, self->subject);
      break;
    case PROP_ISSUER:
      g_value_set_string (value, self->issuer);
      break;
    case PROP_SERIAL:
      g_value_set_string (value, self->serial);
      break;
    case PROP_FINGERPRINT:
      g_value_set_string (value, self->fingerprint);
      break;
    case PROP_NOT_BEFORE:
      g_value_set_int64 (value, self->not_before);
      break;
    case PROP_NOT_AFTER:
      g_value_set_int64 (value, self->not_after);
      break;
    case PROP_PATH_LENGTH:
      g_value_set_int (value, self->path_length);
      break;
    case PROP_KEY_USAGE:
      g_value_set_string (value, self->key_usage);
      break;
    case PROP_EXTENDED_KEY_USAGE:
      g_value_set_string (value, self->extended_key_usage);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cs_inspection_report_class_init (CsInspectionReportClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = cs_inspection_report_finalize;
  object_class->get_property = cs_inspection_report_get_property;

  properties[PROP_LEVEL] = g_param_spec_enum ("level", NULL, NULL, CS_TYPE_CHECK_LEVEL,
                                              CS_CHECK_PASS, flags);
  properties[PROP_ACCEPTED] = g_param_spec_boolean ("accepted", NULL, NULL, FALSE, flags);
  properties[PROP_WAS_DER] = g_param_spec_boolean ("was-der", NULL, NULL, FALSE, flags);
  properties[PROP_SUBJECT] = g_param_spec_string ("subject", NULL, NULL, NULL, flags);
  properties[PROP_ISSUER] = g_param_spec_string ("issuer", NULL, NULL, NULL, flags);
  properties[PROP_SERIAL] = g_param_spec_string ("serial", NULL, NULL, NULL, flags);
  properties[PROP_FINGERPRINT] = g_param_spec_string ("fingerprint", NULL, NULL, NULL, flags);
  properties[PROP_NOT_BEFORE] = g_param_spec_int64 ("not-before", NULL, NULL,
                                                    G_MININT64, G_MAXINT64, 0, flags);
  properties[PROP_NOT_AFTER] = g_param_spec_int64 ("not-after", NULL, NULL,
                                                   G_MININT64, G_MAXINT64, 0, flags);
  properties[PROP_PATH_LENGTH] = g_param_spec_int ("path-length", NULL, NULL,
                                                   -1, G_MAXINT, -1, flags);
  properties[PROP_KEY_USAGE] = g_param_spec_string ("key-usage", NULL, NULL, NULL, flags);
  properties[PROP_EXTENDED_KEY_USAGE] = g_param_spec_string ("extended-key-usage", NULL, NULL,
                                                             NULL, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cs_inspection_report_init (CsInspectionReport *self)
{
  self->checks = g_ptr_array_new_with_free_func (g_object_unref);
  self->path_length = -1;
}

/* Helpers shared by the rows */

char *
cs_inspection_name_to_string (const X509_NAME *name)
{
  BIO *bio = BIO_new (BIO_s_mem ());
  char *data = NULL;
  long length;
  char *text;

  X509_NAME_print_ex (bio, name, 0, XN_FLAG_RFC2253 & ~XN_FLAG_DN_REV & ~ASN1_STRFLGS_ESC_MSB);
  length = BIO_get_mem_data (bio, &data);
  text = g_strndup (data, length);
  BIO_free (bio);
  return text;
}

static char *
common_name (X509 *cert)
{
  const X509_NAME *name = X509_get_subject_name (cert);
  int index = X509_NAME_get_index_by_NID (name, NID_commonName, -1);
  unsigned char *utf8 = NULL;
  char *text = NULL;
  int length;

  if (index < 0)
    return NULL;
  length = ASN1_STRING_to_UTF8 (&utf8,
                                X509_NAME_ENTRY_get_data (X509_NAME_get_entry (name, index)));
  if (length >= 0)
    text = g_strndup ((const char *) utf8, length);
  OPENSSL_free (utf8);
  return text;
}

/* How the messages name a certificate: its CN, else its whole subject. */
char *
cs_inspection_cert_label (X509 *cert)
{
  char *label = common_name (cert);

  return label != NULL ? label : cs_inspection_name_to_string (X509_get_subject_name (cert));
}

gint64
cs_inspection_time_to_unix (const ASN1_TIME *time)
{
  g_autoptr(GDateTime) date_time = NULL;
  struct tm tm = { 0, };

  if (!ASN1_TIME_to_tm (time, &tm))
    return 0;
  date_time = g_date_time_new_utc (tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                                   tm.tm_hour, tm.tm_min, tm.tm_sec);
  return date_time != NULL ? g_date_time_to_unix (date_time) : 0;
}

char *
cs_inspection_format_time (gint64 unix_time)
{
  g_autoptr(GDateTime) date_time = g_date_time_new_from_unix_utc (unix_time);

  return g_date_time_format (date_time, "%Y-%m-%d %H:%M UTC");
}

char *
cs_inspection_x509_to_pem (X509 *cert)
{
  BIO *bio = BIO_new (BIO_s_mem ());
  char *data = NULL;
  long length;
  char *pem;

  PEM_write_bio_X509 (bio, cert);
  length = BIO_get_mem_data (bio, &data);
  pem = g_strndup (data, length);
  BIO_free (bio);
  return pem;
}

void
cs_inspection_not_checked (CsInspection *insp,
                           CsRow         row)
{
  cs_check_set_not_checked (insp->rows[row],
                            _("Not checked, because the certificate could not be read."));
  cs_check_complete (insp->rows[row], NULL);
}

/* The report */

static char *
format_hex (const guchar *data,
            guint         length,
            const char   *separator)
{
  GString *str = g_string_sized_new (length * 3);

  for (guint i = 0; i < length; i++)
    g_string_append_printf (str, "%s%02X", i > 0 ? separator : "", data[i]);
  return g_string_free (str, FALSE);
}

static char *
serial_to_hex (X509 *cert)
{
  BIGNUM *bn = ASN1_INTEGER_to_BN (X509_get0_serialNumber (cert), NULL);
  char *hex = bn != NULL ? BN_bn2hex (bn) : NULL;
  char *serial = g_strdup (hex);

  OPENSSL_free (hex);
  BN_free (bn);
  return serial;
}

static char *
fingerprint (X509 *cert)
{
  guchar digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;

  if (!X509_digest (cert, EVP_sha256 (), digest, &length))
    return NULL;
  return format_hex (digest, length, ":");
}

static char *
key_usage_to_string (X509 *cert)
{
  static const struct { uint32_t bit; const char *name; } usages[] = {
    { KU_DIGITAL_SIGNATURE, "digitalSignature" },
    { KU_NON_REPUDIATION, "nonRepudiation" },
    { KU_KEY_ENCIPHERMENT, "keyEncipherment" },
    { KU_DATA_ENCIPHERMENT, "dataEncipherment" },
    { KU_KEY_AGREEMENT, "keyAgreement" },
    { KU_KEY_CERT_SIGN, "keyCertSign" },
    { KU_CRL_SIGN, "cRLSign" },
    { KU_ENCIPHER_ONLY, "encipherOnly" },
    { KU_DECIPHER_ONLY, "decipherOnly" },
  };
  uint32_t usage = X509_get_key_usage (cert);
  GString *str;

  if ((X509_get_extension_flags (cert) & EXFLAG_KUSAGE) == 0)
    return NULL;

  str = g_string_new (NULL);
  for (guint i = 0; i < G_N_ELEMENTS (usages); i++)
    if (usage & usages[i].bit)
      g_string_append_printf (str, "%s%s", str->len > 0 ? ", " : "", usages[i].name);
  return g_string_free (str, FALSE);
}

static void
fill_summary (CsInspectionReport *self,
              X509               *cert)
{
  self->certificate_pem = cs_inspection_x509_to_pem (cert);
  self->subject = cs_inspection_name_to_string (X509_get_subject_name (cert));
  self->common_name = common_name (cert);
  self->issuer = cs_inspection_name_to_string (X509_get_issuer_name (cert));
  self->serial = serial_to_hex (cert);
  self->fingerprint = fingerprint (cert);
  self->not_before = cs_inspection_time_to_unix (X509_get0_notBefore (cert));
  self->not_after = cs_inspection_time_to_unix (X509_get0_notAfter (cert));
  self->path_length = X509_get_pathlen (cert);
  self->key_usage = key_usage_to_string (cert);
  cs_inspection_eku_state (cert, &self->extended_key_usage);
}

static void
fill_chain (CsInspectionReport *self,
            CsInspection       *insp)
{
  GString *chain;

  if (insp->issuers == NULL || sk_X509_num (insp->issuers) == 0)
    return;

  chain = g_string_new (NULL);
  for (int i = 0; i < sk_X509_num (insp->issuers); i++)
    {
      g_autofree char *pem = cs_inspection_x509_to_pem (sk_X509_value (insp->issuers, i));

      g_string_append (chain, pem);
    }
  self->chain_pem = g_string_free (chain, FALSE);
  self->chain_length = sk_X509_num (insp->issuers);
  if (insp->root != NULL)
    self->root_pem = cs_inspection_x509_to_pem (insp->root);
}

static CsInspectionReport *
report_new (CsInspection *insp)
{
  CsInspectionReport *self = g_object_new (CS_TYPE_INSPECTION_REPORT, NULL);

  for (guint i = 0; i < CS_N_ROWS; i++)
    {
      g_ptr_array_add (self->checks, g_object_ref (insp->rows[i]));
      self->level = MAX (self->level, cs_check_get_level (insp->rows[i]));
    }

  if (insp->cert != NULL)
    fill_summary (self, insp->cert);
  fill_chain (self, insp);
  self->was_der = insp->was_der;
  return self;
}

/* The inspection */

static X509_REQ *
read_csr (const char *csr_pem)
{
  BIO *bio = BIO_new_mem_buf (csr_pem, -1);
  X509_REQ *csr = PEM_read_bio_X509_REQ (bio, NULL, NULL, NULL);

  BIO_free (bio);
  return csr;
}

static void
check_certificate (CsInspection *insp)
{
  cs_inspection_check_key (insp);
  cs_inspection_check_subject (insp);
  cs_inspection_check_ca (insp);
  cs_inspection_check_key_usage (insp);
  cs_inspection_check_path_length (insp);
  cs_inspection_check_validity (insp);
}

/* Without a certificate, the rows about it are not checked; those that look
 * at the chain too still check its members. */
static void
skip_certificate (CsInspection *insp)
{
  for (CsRow row = CS_ROW_KEY; row <= CS_ROW_VALIDITY; row++)
    cs_inspection_not_checked (insp, row);
  for (CsRow row = CS_ROW_ALGORITHMS; row <= CS_ROW_NAME_CONSTRAINTS; row++)
    cs_check_set_not_checked (insp->rows[row], _("The certificate was not checked, because it "
                                                 "could not be read."));
}

static void
run_inspection (CsInspection *insp,
                GBytes       *certificate,
                GBytes       *chain)
{
  cs_inspection_read_certificate (insp, certificate);
  if (chain != NULL)
    cs_inspection_read_chain (insp, chain);

  /* The chain first: the other rows look at its members. */
  cs_inspection_check_chain (insp);
  if (insp->cert != NULL)
    check_certificate (insp);
  else
    skip_certificate (insp);
  cs_inspection_check_algorithms (insp);
  cs_inspection_check_eku (insp);
  cs_inspection_check_name_constraints (insp);
  cs_inspection_dry_run (insp);
}

static void
inspection_clear (CsInspection *insp)
{
  X509_REQ_free (insp->csr);
  X509_free (insp->cert);
  sk_X509_free (insp->members);
  sk_X509_free (insp->issuers);
  sk_X509_pop_free (insp->given, X509_free);
  for (guint i = 0; i < CS_N_ROWS; i++)
    g_clear_object (&insp->rows[i]);
  ERR_clear_error ();
}

/**
 * cs_inspect:
 * @key_pair: the record's key pair
 * @csr_pem: the record's request, PEM
 * @requested_path_length: the path length constraint the request asked for
 * @certificate: the uploaded certificate file's bytes (to check a new chain
 *   alone, the stored certificate's PEM)
 * @chain: (nullable): the uploaded chain file's bytes
 * @now: (nullable): the time to check validity at; %NULL for now
 *
 * Runs every check of SPEC §4. This blocks for a moment (it signs and
 * verifies a test certificate): front ends use cs_inspect_async().
 *
 * Returns: (transfer full): the report, never %NULL
 */
CsInspectionReport *
cs_inspect (CsKeyPair  *key_pair,
            const char *csr_pem,
            guint       requested_path_length,
            GBytes     *certificate,
            GBytes     *chain,
            GDateTime  *now)
{
  CsInspection insp = { 0, };
  CsInspectionReport *report;

  g_return_val_if_fail (CS_IS_KEY_PAIR (key_pair), NULL);
  g_return_val_if_fail (csr_pem != NULL, NULL);
  g_return_val_if_fail (certificate != NULL, NULL);

  insp.key_pair = key_pair;
  insp.csr = read_csr (csr_pem);
  insp.requested_path_length = requested_path_length;
  insp.now = now != NULL ? g_date_time_to_unix (now) : (gint64) time (NULL);
  for (guint i = 0; i < CS_N_ROWS; i++)
    insp.rows[i] = cs_check_new (row_ids[i]);

  run_inspection (&insp, certificate, chain);

  report = report_new (&insp);
  inspection_clear (&insp);
  return report;
}

typedef struct
{
  CsKeyPair *key_pair;
  char      *csr_pem;
  guint      requested_path_length;
  GBytes    *certificate;
  GBytes    *chain;
  GDateTime *now;
} InspectData;

static void
inspect_data_free (gpointer data)
{
  InspectData *inspect = data;

  g_object_unref (inspect->key_pair);
  g_free (inspect->csr_pem);
  g_bytes_unref (inspect->certificate);
  g_clear_pointer (&inspect->chain, g_bytes_unref);
  g_date_time_unref (inspect->now);
  g_free (inspect);
}

static void
inspect_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  InspectData *inspect = task_data;
  CsInspectionReport *report;

  if (g_task_return_error_if_cancelled (task))
    return;
  report = cs_inspect (inspect->key_pair, inspect->csr_pem, inspect->requested_path_length,
                       inspect->certificate, inspect->chain, inspect->now);
  g_task_return_pointer (task, report, g_object_unref);
}

/**
 * cs_inspect_async:
 * @key_pair: the record's key pair
 * @csr_pem: the record's request, PEM
 * @requested_path_length: the path length constraint the request asked for
 * @certificate: the uploaded certificate file's bytes
 * @chain: (nullable): the uploaded chain file's bytes
 * @now: (nullable): the time to check validity at; %NULL for now
 * @cancellable: (nullable): a #GCancellable
 * @callback: called on the calling thread's main context when done
 * @user_data: data for @callback
 *
 * Runs cs_inspect() in a worker thread.
 */
void
cs_inspect_async (CsKeyPair           *key_pair,
                  const char          *csr_pem,
                  guint                requested_path_length,
                  GBytes              *certificate,
                  GBytes              *chain,
                  GDateTime           *now,
                  GCancellable        *cancellable,
                  GAsyncReadyCallback  callback,
                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  InspectData *inspect;

  g_return_if_fail (CS_IS_KEY_PAIR (key_pair));
  g_return_if_fail (csr_pem != NULL);
  g_return_if_fail (certificate != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  inspect = g_new0 (InspectData, 1);
  inspect->key_pair = g_object_ref (key_pair);
  inspect->csr_pem = g_strdup (csr_pem);
  inspect->requested_path_length = requested_path_length;
  inspect->certificate = g_bytes_ref (certificate);
  inspect->chain = chain != NULL ? g_bytes_ref (chain) : NULL;
  inspect->now = now != NULL ? g_date_time_ref (now) : g_date_time_new_now_utc ();

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, cs_inspect_async);
  g_task_set_task_data (task, inspect, inspect_data_free);
  g_task_run_in_thread (task, inspect_thread);
}

/**
 * cs_inspect_finish:
 * @result: the #GAsyncResult given to the callback
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the report, or %NULL with @error
 *   set to %G_IO_ERROR_CANCELLED if it was cancelled before it ran
 */
CsInspectionReport *
cs_inspect_finish (GAsyncResult  *result,
                   GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == cs_inspect_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Getters */

/**
 * cs_inspection_report_get_level:
 * @self: a #CsInspectionReport
 *
 * Returns: the worst level of the checks
 */
CsCheckLevel
cs_inspection_report_get_level (CsInspectionReport *self)
{
  g_return_val_if_fail (CS_IS_INSPECTION_REPORT (self), CS_CHECK_FAIL);

  return self->level;
}

/**
 * cs_inspection_report_get_accepted:
 * @self: a #CsInspectionReport
 *
 * Returns: %TRUE if no check failed: the upload may be stored
 */
gboolean
cs_inspection_report_get_accepted (CsInspectionReport *self)
{
  g_return_val_if_fail (CS_IS_INSPECTION_REPORT (self), FALSE);

  return self->level != CS_CHECK_FAIL;
}

/**
 * cs_inspection_report_lookup:
 * @self: a #CsInspectionReport
 * @id: a check id, one of the `CS_CHECK_ID_*` strings
 *
 * Returns: (transfer none) (nullable): the check of that id
 */
CsCheck *
cs_inspection_report_lookup (CsInspectionReport *self,
                             const char         *id)
{
  g_return_val_if_fail (CS_IS_INSPECTION_REPORT (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  for (guint i = 0; i < self->checks->len; i++)
    if (g_str_equal (cs_check_get_id (g_ptr_array_index (self->checks, i)), id))
      return g_ptr_array_index (self->checks, i);
  return NULL;
}

/**
 * cs_inspection_report_to_text:
 * @self: a #CsInspectionReport
 *
 * Returns: (transfer full): the report as text for the command line: one
 *   line per check ("PASS  key               The certificate’s…"), each
 *   further detail indented on a line of its own
 */
char *
cs_inspection_report_to_text (CsInspectionReport *self)
{
  GString *text;

  g_return_val_if_fail (CS_IS_INSPECTION_REPORT (self), NULL);

  text = g_string_new (NULL);
  for (guint i = 0; i < self->checks->len; i++)
    {
      CsCheck *check = g_ptr_array_index (self->checks, i);
      const char * const *details = cs_check_get_details (check);

      g_string_append_printf (text, "%s  %-16s  %s\n",
                              cs_check_level_get_nick (cs_check_get_level (check)),
                              cs_check_get_id (check), cs_check_get_message (check));
      for (guint d = cs_check_get_n_findings (check); details[d] != NULL; d++)
        g_string_append_printf (text, "      %s\n", details[d]);
    }
  return g_string_free (text, FALSE);
}

/**
 * cs_inspection_report_get_certificate_pem:
 * @self: a #CsInspectionReport
 *
 * Returns: (nullable): the certificate as PEM (converted when it was DER),
 *   what to store; %NULL if the file held no single certificate
 */
const char *
cs_inspection_report_get_certificate_pem (CsInspectionReport *self)
{
  g_return_val_if_fail (CS_IS_INSPECTION_REPORT (self), NULL);

  return self->certificate_pem;
}

/**
 * cs_inspection_report_get_chain_pem:
 * @self: a #CsInspectionReport
 *
 * Returns: (nullable): the chain to store: the intermediate's issuers in
 *   order, from its issuer upwards, the root included when it was given;
 *   duplicates, unrelated certificates and the intermediate itself dropped.
 *   %NULL when no chain was given or none of it links up.
 */
const char *
cs_inspection_report_get_chain_pem (CsInspectionReport *self)
{
  g_return_val_if_fail (CS_IS_INSPECTION_REPORT (self), NULL);

  return self->chain_pem;
}

/**
 * cs_inspection_report_get_chain_length:
 * @self: a #CsInspectionReport
 *
 * Returns: the number of certificates in cs_inspection_report_get_chain_pem()
 */
guint
cs_inspection_report_get_chain_length (CsInspectionReport *self)
{
  g_return_val_if_fail (CS_IS_INSPECTION_REPORT (self), 0);

  return self->chain_length;
}

/**
 * cs_inspection_report_get_root_pem:
 * @self: a #CsInspectionReport
 *
 * Returns: (nullable): the root, the last certificate of the chain, when the
 *   chain reaches one; else %NULL
 */
const char *
cs_inspection_report_get_root_pem (CsInspectionReport *self)
{
  g_return_val_if_fail (CS_IS_INSPECTION_REPORT (self), NULL);

  return self->root_pem;
}

/**
 * cs_inspection_report_get_was_der:
 * @self: a #CsInspectionReport
 *
 * Returns: %TRUE if the certificate was uploaded as DER
 */
gboolean
cs_inspection_report_get_was_der (CsInspectionReport *self)
{
  g_return_val_if_fail (CS_IS_INSPECTION_REPORT (self), FALSE);

  return self->was_der;
}

/**
 * cs_inspection_report_get_subject:
 * @self: a #CsInspectionReport
 *
 * Returns: (nullable): the certificate's subject ("CN=…,O=…,C=…")
 */
const char *
cs_inspection_report_get_subject (CsInspectionReport *self)
{
  g_return_val_if_fail (CS_IS_INSPECTION_REPORT (self), NULL);

  return self->subject;
}

/**
 * cs_inspection_report_get_common_name:
 * @self: a #CsInspectionReport
 *
 * Returns: (nullable): the certificate's common name
 */
const char *
cs_inspection_report_get_common_name (CsInspectionReport *self)
{
  g_return_val_if_fail (CS_IS_INSPECTION_REPORT (self), NULL);

  return self->common_name;
}

/**
 * cs_inspection_report_get_issuer:
 * @self: a #CsInspectionReport
 *
 * Returns: (nullable): the certificate's issuer ("CN=…,O=…,C=…")
 */
const char *
cs_inspection_report_get_issuer (CsInspectionReport *self)
{
  g_return_val_if_fail (CS_IS_INSPECTION_REPORT (self), NULL);

  return self->issuer;
}

/**
 * cs_inspection_report_get_serial:
 * @self: a #CsInspectionReport
 *
 * Returns: (nullable): the certificate's serial number, upper-case hex
 */
const char *
cs_inspection_report_get_serial (CsInspectionReport *self)
{
  g_return_val_if_fail (CS_IS_INSPECTION_REPORT (self), NULL);

  return self->serial;
}

/**
 * cs_inspection_report_get_not_before:
 * @self: a #CsInspectionReport
 *
 * Returns: the start of the certificate's validity, in seconds since the
 *   epoch (the console's `certStartDate`); 0 without a certificate
 */
gint64
cs_inspection_report_get_not_before (CsInspectionReport *self)
{
  g_return_val_if_fail (CS_IS_INSPECTION_REPORT (self), 0);

  return self->not_before;
}

/**
 * cs_inspection_report_get_not_after:
 * @self: a #CsInspectionReport
 *
 * Returns: the end of the certificate's validity, in seconds since the
 *   epoch (the console's `certExpDate`); 0 without a certificate
 */
gint64
cs_inspection_report_get_not_after (CsInspectionReport *self)
{
  g_return_val_if_fail (CS_IS_INSPECTION_REPORT (self), 0);

  return self->not_after;
}

/**
 * cs_inspection_report_get_fingerprint:
 * @self: a #CsInspectionReport
 *
 * Returns: (nullable): the SHA-256 fingerprint of the certificate,
 *   colon-separated upper-case hex
 */
const char *
cs_inspection_report_get_fingerprint (CsInspectionReport *self)
{
  g_return_val_if_fail (CS_IS_INSPECTION_REPORT (self), NULL);

  return self->fingerprint;
}

/**
 * cs_inspection_report_get_path_length:
 * @self: a #CsInspectionReport
 *
 * Returns: the certificate's path length constraint, or -1 if it has none
 */
int
cs_inspection_report_get_path_length (CsInspectionReport *self)
{
  g_return_val_if_fail (CS_IS_INSPECTION_REPORT (self), -1);

  return self->path_length;
}

/**
 * cs_inspection_report_get_key_usage:
 * @self: a #CsInspectionReport
 *
 * Returns: (nullable): the certificate's key usages ("keyCertSign, cRLSign"),
 *   or %NULL if it has no keyUsage
 */
const char *
cs_inspection_report_get_key_usage (CsInspectionReport *self)
{
  g_return_val_if_fail (CS_IS_INSPECTION_REPORT (self), NULL);

  return self->key_usage;
}

/**
 * cs_inspection_report_get_extended_key_usage:
 * @self: a #CsInspectionReport
 *
 * Returns: (nullable): the certificate's extended key usages
 *   ("serverAuth, clientAuth"), or %NULL if it has no extendedKeyUsage
 */
const char *
cs_inspection_report_get_extended_key_usage (CsInspectionReport *self)
{
  g_return_val_if_fail (CS_IS_INSPECTION_REPORT (self), NULL);

  return self->extended_key_usage;
}
