/* cs-csr.c — PKCS#10 certificate requests and their subject
 *
 * Copyright 2026 The Chainsmith authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/ec.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/objects.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <string.h>

#include "cs-country.h"
#include "cs-csr.h"
#include "cs-error.h"
#include "cs-key-pair-private.h"

/**
 * SECTION:cs-csr
 * @title: Certificate requests
 *
 * The PKCS#10 request of an intermediate CA certificate: its subject
 * (#CsSubject, with the validation of each field), the request itself
 * (cs_csr_generate()) and its decoded description (#CsCsrInfo), for the
 * editor's CSR tab and the command line.
 *
 * Subject values are kept exactly as given: a value with leading or
 * trailing white space is refused by the validation rather than trimmed, so
 * that what the form shows is what the request carries.
 */

/* ------------------------------------------------------------------ */
/* Digests                                                            */
/* ------------------------------------------------------------------ */

typedef struct
{
  const char *nick;
  const char *api_name;
  const char *label;
  const char *md_name;
  int         nid;
} DigestInfo;

static const DigestInfo digests[CS_N_DIGESTS] = {
  [CS_DIGEST_SHA256] = { "sha256", "SHA256", "SHA-256", "SHA256", NID_sha256 },
  [CS_DIGEST_SHA384] = { "sha384", "SHA384", "SHA-384", "SHA384", NID_sha384 },
  [CS_DIGEST_SHA512] = { "sha512", "SHA512", "SHA-512", "SHA512", NID_sha512 },
};

static const DigestInfo *
digest_info (CsDigest digest)
{
  g_return_val_if_fail ((guint) digest < CS_N_DIGESTS, &digests[CS_DIGEST_DEFAULT]);
  return &digests[digest];
}

/**
 * cs_digest_get_nick:
 * @digest: a #CsDigest
 *
 * Returns: the short name used on the command line ("sha256"), which is
 *   also the `openssl` option without its dash
 */
const char *
cs_digest_get_nick (CsDigest digest)
{
  return digest_info (digest)->nick;
}

/**
 * cs_digest_from_nick:
 * @nick: a short name, as cs_digest_get_nick() returns
 * @digest: (out): where to store the digest
 *
 * Returns: %TRUE if @nick names a digest
 */
gboolean
cs_digest_from_nick (const char *nick,
                     CsDigest   *digest)
{
  g_return_val_if_fail (digest != NULL, FALSE);

  for (guint i = 0; i < CS_N_DIGESTS; i++)
    if (g_strcmp0 (nick, digests[i].nick) == 0)
      {
        *digest = i;
        return TRUE;
      }
  return FALSE;
}

/**
 * cs_digest_get_api_name:
 * @digest: a #CsDigest
 *
 * Returns: the value of the console's API `signatureAlgorithm` field ("SHA256")
 */
const char *
cs_digest_get_api_name (CsDigest digest)
{
  return digest_info (digest)->api_name;
}

/**
 * cs_digest_from_api_name:
 * @name: an API name, as cs_digest_get_api_name() returns
 * @digest: (out): where to store the digest
 *
 * Returns: %TRUE if @name names a digest
 */
gboolean
cs_digest_from_api_name (const char *name,
                         CsDigest   *digest)
{
  g_return_val_if_fail (digest != NULL, FALSE);

  for (guint i = 0; i < CS_N_DIGESTS; i++)
    if (g_strcmp0 (name, digests[i].api_name) == 0)
      {
        *digest = i;
        return TRUE;
      }
  return FALSE;
}

/**
 * cs_digest_get_label:
 * @digest: a #CsDigest
 *
 * Returns: the name of the digest for people ("SHA-256")
 */
const char *
cs_digest_get_label (CsDigest digest)
{
  return digest_info (digest)->label;
}

/* ------------------------------------------------------------------ */
/* Subject fields                                                     */
/* ------------------------------------------------------------------ */

typedef struct
{
  const char *label;
  const char *short_name;
  const char *api_name;
  int         nid;
  guint       max_length;
  gboolean    required;
} FieldInfo;

/* Upper bounds from RFC 5280, Appendix A.1 (ub-common-name etc.). */
static const FieldInfo fields[CS_N_SUBJECT_FIELDS] = {
  [CS_SUBJECT_COMMON_NAME] = { N_("Common Name (CN)"), "CN", "commName", NID_commonName, 64, TRUE },
  [CS_SUBJECT_ORGANIZATION] = { N_("Organization"), "O", "orgName", NID_organizationName, 64, TRUE },
  [CS_SUBJECT_DEPARTMENT] = { N_("Department Name"), "OU", "deptName", NID_organizationalUnitName, 64, FALSE },
  [CS_SUBJECT_CITY] = { N_("Town/City"), "L", "city", NID_localityName, 128, FALSE },
  [CS_SUBJECT_STATE] = { N_("Province/Region/County/State"), "ST", "state", NID_stateOrProvinceName, 128, FALSE },
  [CS_SUBJECT_COUNTRY] = { N_("Country"), "C", "country", NID_countryName, 2, TRUE },
};

/* The order of the RDNs in the encoded name, from the most general. */
static const CsSubjectField der_order[CS_N_SUBJECT_FIELDS] = {
  CS_SUBJECT_COUNTRY, CS_SUBJECT_STATE, CS_SUBJECT_CITY,
  CS_SUBJECT_ORGANIZATION, CS_SUBJECT_DEPARTMENT, CS_SUBJECT_COMMON_NAME,
};

static const FieldInfo *
field_info (CsSubjectField field)
{
  g_return_val_if_fail ((guint) field < CS_N_SUBJECT_FIELDS, &fields[0]);
  return &fields[field];
}

/**
 * cs_subject_field_get_label:
 * @field: a #CsSubjectField
 *
 * Returns: the translated label of the field in the form ("Town/City")
 */
const char *
cs_subject_field_get_label (CsSubjectField field)
{
  return _(field_info (field)->label);
}

/**
 * cs_subject_field_get_short_name:
 * @field: a #CsSubjectField
 *
 * Returns: the attribute's short name in a distinguished name ("L")
 */
const char *
cs_subject_field_get_short_name (CsSubjectField field)
{
  return field_info (field)->short_name;
}

/**
 * cs_subject_field_get_api_name:
 * @field: a #CsSubjectField
 *
 * Returns: the field's name in the console's API ("city")
 */
const char *
cs_subject_field_get_api_name (CsSubjectField field)
{
  return field_info (field)->api_name;
}

/**
 * cs_subject_field_from_api_name:
 * @name: an API name, as cs_subject_field_get_api_name() returns
 * @field: (out): where to store the field
 *
 * Returns: %TRUE if @name names a field
 */
gboolean
cs_subject_field_from_api_name (const char     *name,
                                CsSubjectField *field)
{
  g_return_val_if_fail (field != NULL, FALSE);

  for (guint i = 0; i < CS_N_SUBJECT_FIELDS; i++)
    if (g_strcmp0 (name, fields[i].api_name) == 0)
      {
        *field = i;
        return TRUE;
      }
  return FALSE;
}

/**
 * cs_subject_field_is_required:
 * @field: a #CsSubjectField
 *
 * Returns: %TRUE for the Common Name, the Organization and the Country
 */
gboolean
cs_subject_field_is_required (CsSubjectField field)
{
  return field_info (field)->required;
}

/**
 * cs_subject_field_get_max_length:
 * @field: a #CsSubjectField
 *
 * Returns: the greatest number of characters (not bytes) the field may hold
 */
guint
cs_subject_field_get_max_length (CsSubjectField field)
{
  return field_info (field)->max_length;
}

static gboolean
has_control_char (const char *value)
{
  for (const char *p = value; *p; p = g_utf8_next_char (p))
    if (g_unichar_iscntrl (g_utf8_get_char (p)))
      return TRUE;
  return FALSE;
}

static gboolean
has_outer_space (const char *value)
{
  const char *last = g_utf8_find_prev_char (value, value + strlen (value));

  return g_unichar_isspace (g_utf8_get_char (value)) ||
         (last != NULL && g_unichar_isspace (g_utf8_get_char (last)));
}

static gboolean
validate_country (const char  *value,
                  GError     **error)
{
  g_autofree char *upper = NULL;
  const char *label = cs_subject_field_get_label (CS_SUBJECT_COUNTRY);

  if (cs_country_is_valid (value))
    return TRUE;

  upper = g_ascii_strup (value, -1);
  if (cs_country_is_valid (upper))
    g_set_error (error, CS_ERROR, CS_ERROR_INVALID_FIELD,
                 _("%s must be written in capital letters: enter “%s” (%s) instead of “%s”"),
                 label, upper, cs_country_get_name (upper), value);
  else if (strlen (value) == 2 && g_ascii_isupper (value[0]) && g_ascii_isupper (value[1]))
    g_set_error (error, CS_ERROR, CS_ERROR_INVALID_FIELD,
                 _("%s “%s” is not an ISO 3166 country code; enter a code such as DE or US"),
                 label, value);
  else
    g_set_error (error, CS_ERROR, CS_ERROR_INVALID_FIELD,
                 _("%s must be a two-letter ISO 3166 code in capital letters, such as DE or US, not “%s”"),
                 label, value);
  return FALSE;
}

static gboolean
validate_text (CsSubjectField   field,
               const char      *value,
               GError         **error)
{
  const char *label = cs_subject_field_get_label (field);
  guint max_length = field_info (field)->max_length;
  glong length = g_utf8_strlen (value, -1);

  if (has_control_char (value))
    g_set_error (error, CS_ERROR, CS_ERROR_INVALID_FIELD,
                 _("%s contains a control character, such as a tab or a line break; remove it"),
                 label);
  else if (has_outer_space (value))
    g_set_error (error, CS_ERROR, CS_ERROR_INVALID_FIELD,
                 _("%s begins or ends with a space; remove it"), label);
  /* The Country's own check says more than a length would. */
  else if (field != CS_SUBJECT_COUNTRY && length > max_length)
    g_set_error (error, CS_ERROR, CS_ERROR_INVALID_FIELD,
                 _("%s is %ld characters long; shorten it to at most %u characters"),
                 label, length, max_length);
  else
    return TRUE;

  return FALSE;
}

/**
 * cs_subject_field_validate:
 * @field: a #CsSubjectField
 * @value: (nullable): the value to check; %NULL and "" mean unset
 * @error: return location for a #GError
 *
 * Checks a value of a subject field: required fields (the Common Name, the
 * Organization and the Country) must be set; a value must be valid UTF-8,
 * hold no control character, neither begin nor end with white space, and
 * stay within the upper bound of RFC 5280 (64 characters for CN, O and OU,
 * 128 for L and ST). The Country must be an ISO 3166-1 alpha-2 code known to
 * iso-codes, in capital letters: "de" is refused, with a message that
 * names "DE".
 *
 * Returns: %TRUE if @value is valid; otherwise %FALSE with @error set to
 *   %CS_ERROR_INVALID_FIELD and a message that names the field
 */
gboolean
cs_subject_field_validate (CsSubjectField   field,
                           const char      *value,
                           GError         **error)
{
  const char *label;

  g_return_val_if_fail ((guint) field < CS_N_SUBJECT_FIELDS, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  label = cs_subject_field_get_label (field);

  if (value != NULL && !g_utf8_validate (value, -1, NULL))
    {
      g_set_error (error, CS_ERROR, CS_ERROR_INVALID_FIELD,
                   _("%s is not valid UTF-8 text; type it again"), label);
      return FALSE;
    }

  if (value == NULL || *value == '\0')
    {
      if (!field_info (field)->required)
        return TRUE;
      g_set_error (error, CS_ERROR, CS_ERROR_INVALID_FIELD,
                   _("%s is required; fill it in"), label);
      return FALSE;
    }

  if (!validate_text (field, value, error))
    return FALSE;

  if (field == CS_SUBJECT_COUNTRY)
    return validate_country (value, error);

  return TRUE;
}

/* ------------------------------------------------------------------ */
/* CsSubject                                                          */
/* ------------------------------------------------------------------ */

struct _CsSubject
{
  char *values[CS_N_SUBJECT_FIELDS];
};

G_DEFINE_BOXED_TYPE (CsSubject, cs_subject, cs_subject_copy, cs_subject_free)

/**
 * cs_subject_new:
 *
 * Returns: (transfer full): a new #CsSubject with every field unset
 */
CsSubject *
cs_subject_new (void)
{
  return g_new0 (CsSubject, 1);
}

/**
 * cs_subject_copy:
 * @subject: a #CsSubject
 *
 * Returns: (transfer full): a copy of @subject
 */
CsSubject *
cs_subject_copy (const CsSubject *subject)
{
  CsSubject *copy;

  g_return_val_if_fail (subject != NULL, NULL);

  copy = cs_subject_new ();
  for (guint i = 0; i < CS_N_SUBJECT_FIELDS; i++)
    copy->values[i] = g_strdup (subject->values[i]);
  return copy;
}

/**
 * cs_subject_free:
 * @subject: (nullable): a #CsSubject
 *
 * Frees @subject.
 */
void
cs_subject_free (CsSubject *subject)
{
  if (subject == NULL)
    return;

  for (guint i = 0; i < CS_N_SUBJECT_FIELDS; i++)
    g_free (subject->values[i]);
  g_free (subject);
}

/**
 * cs_subject_get:
 * @subject: a #CsSubject
 * @field: a #CsSubjectField
 *
 * Returns: the field's value, never %NULL: "" when it is unset
 */
const char *
cs_subject_get (const CsSubject *subject,
                CsSubjectField   field)
{
  g_return_val_if_fail (subject != NULL, "");
  g_return_val_if_fail ((guint) field < CS_N_SUBJECT_FIELDS, "");

  return subject->values[field] != NULL ? subject->values[field] : "";
}

/**
 * cs_subject_set:
 * @subject: a #CsSubject
 * @field: a #CsSubjectField
 * @value: (nullable): the new value, kept as given; %NULL or "" unsets
 *
 * Sets a field. Nothing is checked here: see cs_subject_validate().
 */
void
cs_subject_set (CsSubject      *subject,
                CsSubjectField  field,
                const char     *value)
{
  g_return_if_fail (subject != NULL);
  g_return_if_fail ((guint) field < CS_N_SUBJECT_FIELDS);

  g_free (subject->values[field]);
  subject->values[field] = (value != NULL && *value != '\0') ? g_strdup (value) : NULL;
}

/**
 * cs_subject_equal:
 * @a: a #CsSubject
 * @b: another #CsSubject
 *
 * Returns: %TRUE if every field of @a equals that of @b
 */
gboolean
cs_subject_equal (const CsSubject *a,
                  const CsSubject *b)
{
  g_return_val_if_fail (a != NULL, FALSE);
  g_return_val_if_fail (b != NULL, FALSE);

  for (guint i = 0; i < CS_N_SUBJECT_FIELDS; i++)
    if (g_strcmp0 (cs_subject_get (a, i), cs_subject_get (b, i)) != 0)
      return FALSE;
  return TRUE;
}

/**
 * cs_subject_validate:
 * @subject: a #CsSubject
 * @error: return location for a #GError
 *
 * Checks every field with cs_subject_field_validate(), in the order of
 * #CsSubjectField, and reports the first one that is invalid.
 *
 * Returns: %TRUE if every field is valid
 */
gboolean
cs_subject_validate (const CsSubject  *subject,
                     GError          **error)
{
  g_return_val_if_fail (subject != NULL, FALSE);

  for (guint i = 0; i < CS_N_SUBJECT_FIELDS; i++)
    if (!cs_subject_field_validate (i, subject->values[i], error))
      return FALSE;
  return TRUE;
}

/* RFC 4514, section 2.4: the characters escaped with a backslash. */
static void
append_escaped (GString    *str,
                const char *value)
{
  gsize length = strlen (value);

  for (gsize i = 0; i < length; i++)
    {
      char c = value[i];

      if (strchr ("\"+,;<>\\", c) != NULL ||
          (i == 0 && (c == ' ' || c == '#')) ||
          (i == length - 1 && c == ' '))
        g_string_append_c (str, '\\');
      g_string_append_c (str, c);
    }
}

static void
append_rdn (GString    *str,
            const char *separator,
            const char *short_name,
            const char *value)
{
  if (str->len > 0)
    g_string_append (str, separator);
  g_string_append (str, short_name);
  g_string_append_c (str, '=');
  append_escaped (str, value);
}

/**
 * cs_subject_to_string:
 * @subject: a #CsSubject
 *
 * Formats the subject as an RFC 4514 string, most specific attribute first
 * ("CN=…, OU=…, O=…, L=…, ST=…, C=…"), with ", " between attributes and
 * unset fields left out. Special characters are escaped as RFC 4514 says;
 * other characters are kept as UTF-8.
 *
 * Returns: (transfer full): the distinguished name
 */
char *
cs_subject_to_string (const CsSubject *subject)
{
  GString *str;

  g_return_val_if_fail (subject != NULL, NULL);

  str = g_string_new (NULL);
  for (int i = CS_N_SUBJECT_FIELDS - 1; i >= 0; i--)
    {
      CsSubjectField field = der_order[i];

      if (subject->values[field] != NULL)
        append_rdn (str, ", ", fields[field].short_name, subject->values[field]);
    }
  return g_string_free (str, FALSE);
}

/* The value of a name entry as UTF-8; NUL bytes and invalid sequences, which
 * a foreign request may carry, become U+FFFD so that they show. */
static char *
entry_to_utf8 (const X509_NAME_ENTRY *entry)
{
  const ASN1_STRING *data = X509_NAME_ENTRY_get_data (entry);
  unsigned char *utf8 = NULL;
  int length = ASN1_STRING_to_UTF8 (&utf8, data);
  GString *str;

  if (length < 0)
    {
      ERR_clear_error ();
      return g_utf8_make_valid ((const char *) ASN1_STRING_get0_data (data), ASN1_STRING_length (data));
    }

  str = g_string_sized_new (length);
  for (int i = 0; i < length; i++)
    if (utf8[i] == '\0')
      g_string_append_unichar (str, 0xFFFD);
    else
      g_string_append_c (str, utf8[i]);
  OPENSSL_free (utf8);

  return g_string_free (str, FALSE);
}

/**
 * cs_subject_new_from_x509_name:
 * @name: a distinguished name, such as a request's or a certificate's subject
 *
 * Takes the first value of each of the six attributes of #CsSubjectField
 * from @name; other attributes are ignored. Nothing is validated.
 *
 * Returns: (transfer full): a new #CsSubject
 */
CsSubject *
cs_subject_new_from_x509_name (const X509_NAME *name)
{
  CsSubject *subject;

  g_return_val_if_fail (name != NULL, NULL);

  subject = cs_subject_new ();
  for (guint i = 0; i < CS_N_SUBJECT_FIELDS; i++)
    {
      int index = X509_NAME_get_index_by_NID (name, fields[i].nid, -1);
      g_autofree char *value = NULL;

      if (index < 0)
        continue;
      value = entry_to_utf8 (X509_NAME_get_entry (name, index));
      cs_subject_set (subject, i, value);
    }
  return subject;
}

/* ------------------------------------------------------------------ */
/* Generating a request                                               */
/* ------------------------------------------------------------------ */

static gboolean
set_subject (X509_REQ        *req,
             const CsSubject *subject)
{
  X509_NAME *name = X509_REQ_get_subject_name (req);

  for (guint i = 0; i < CS_N_SUBJECT_FIELDS; i++)
    {
      CsSubjectField field = der_order[i];
      const char *value = subject->values[field];
      /* RFC 5280: countryName is a PrintableString; the others UTF8String. */
      int type = field == CS_SUBJECT_COUNTRY ? V_ASN1_PRINTABLESTRING : V_ASN1_UTF8STRING;

      if (value == NULL)
        continue;
      if (!X509_NAME_add_entry_by_NID (name, fields[field].nid, type,
                                       (const unsigned char *) value, -1, -1, 0))
        return FALSE;
    }
  return TRUE;
}

static gboolean
add_extensions (X509_REQ *req,
                guint     path_length)
{
  g_autofree char *basic_constraints = g_strdup_printf ("critical,CA:TRUE,pathlen:%u", path_length);
  const struct { int nid; const char *value; } list[] = {
    { NID_basic_constraints, basic_constraints },
    { NID_key_usage, "critical,keyCertSign,cRLSign" },
    /* RFC 5280 method 1: the SHA-1 hash of the subjectPublicKey bits. */
    { NID_subject_key_identifier, "hash" },
  };
  STACK_OF (X509_EXTENSION) *exts = sk_X509_EXTENSION_new_null ();
  X509V3_CTX ctx;
  gboolean ok = exts != NULL;

  X509V3_set_ctx (&ctx, NULL, NULL, req, NULL, 0);
  for (guint i = 0; ok && i < G_N_ELEMENTS (list); i++)
    {
      X509_EXTENSION *ext = X509V3_EXT_nconf_nid (NULL, &ctx, list[i].nid, list[i].value);

      ok = ext != NULL && sk_X509_EXTENSION_push (exts, ext) > 0;
      if (!ok)
        X509_EXTENSION_free (ext);
    }
  ok = ok && X509_REQ_add_extensions (req, exts);
  sk_X509_EXTENSION_pop_free (exts, X509_EXTENSION_free);

  return ok;
}

static char *
req_to_pem (X509_REQ *req)
{
  BIO *bio = BIO_new (BIO_s_mem ());
  char *data = NULL;
  char *pem = NULL;
  long length;

  if (bio != NULL && PEM_write_bio_X509_REQ (bio, req))
    {
      length = BIO_get_mem_data (bio, &data);
      pem = g_strndup (data, length);
    }
  BIO_free (bio);
  return pem;
}

static void
free_algorithm_parameter (int   type,
                          void *parameter)
{
  if (type == V_ASN1_OBJECT)
    ASN1_OBJECT_free (parameter);
  else
    ASN1_STRING_free (parameter);
}

/* Copies the key pair's encoded public key into @req: what
 * X509_REQ_set_pubkey () does, without OpenSSL 3.0's encoder and decoder
 * round trip (a third of the cost of an RSA 2048 signature). */
static gboolean
set_public_key (X509_REQ  *req,
                CsKeyPair *key_pair)
{
  const X509_PUBKEY *spki = cs_key_pair_get_x509_pubkey (key_pair);
  const unsigned char *bits;
  int length;
  X509_ALGOR *algorithm;
  const ASN1_OBJECT *object;
  int parameter_type;
  const void *parameter;
  ASN1_OBJECT *object_copy;
  void *parameter_copy = NULL;
  unsigned char *bits_copy;

  if (spki == NULL || !X509_PUBKEY_get0_param (NULL, &bits, &length, &algorithm, spki))
    return FALSE;
  X509_ALGOR_get0 (&object, &parameter_type, &parameter, algorithm);
  /* RSA: a NULL parameter; EC: the curve's OID. */
  if (parameter_type == V_ASN1_OBJECT)
    parameter_copy = OBJ_dup (parameter);
  else if (parameter_type == V_ASN1_SEQUENCE)
    parameter_copy = ASN1_STRING_dup (parameter);
  object_copy = OBJ_dup (object);
  bits_copy = OPENSSL_memdup (bits, length);

  if (object_copy == NULL || bits_copy == NULL ||
      ((parameter_type == V_ASN1_OBJECT || parameter_type == V_ASN1_SEQUENCE) &&
       parameter_copy == NULL) ||
      !X509_PUBKEY_set0_param (X509_REQ_get_X509_PUBKEY (req), object_copy, parameter_type,
                               parameter_copy, bits_copy, length))
    {
      ASN1_OBJECT_free (object_copy);
      free_algorithm_parameter (parameter_type, parameter_copy);
      OPENSSL_free (bits_copy);
      return FALSE;
    }
  return TRUE;
}

static X509_REQ *
build_request (CsKeyPair       *key_pair,
               const CsSubject *subject,
               CsDigest         digest,
               guint            path_length)
{
  EVP_PKEY *pkey = cs_key_pair_get_pkey (key_pair);
  EVP_MD *md = EVP_MD_fetch (NULL, digest_info (digest)->md_name, NULL);
  X509_REQ *req = X509_REQ_new ();
  gboolean ok;

  ok = md != NULL && req != NULL &&
       X509_REQ_set_version (req, X509_REQ_VERSION_1) &&
       set_subject (req, subject) &&
       set_public_key (req, key_pair) &&
       add_extensions (req, path_length) &&
       X509_REQ_sign (req, pkey, md) > 0;
  EVP_MD_free (md);

  if (!ok)
    {
      X509_REQ_free (req);
      return NULL;
    }
  return req;
}

/**
 * cs_csr_generate:
 * @key_pair: the key pair the request is for, and signed with
 * @subject: the subject; it must pass cs_subject_validate()
 * @digest: the digest of the signature
 * @path_length: the path length constraint to ask for: 0 or 1
 * @error: return location for a #GError
 *
 * Builds a PKCS#10 request (version 1, the value 0) for an intermediate CA
 * certificate: the subject's attributes in the order C, ST, L, O, OU, CN
 * (countryName as PrintableString, the others as UTF8String, RFC 5280),
 * and an extensionRequest that asks for
 * `basicConstraints=critical,CA:TRUE,pathlen:N`,
 * `keyUsage=critical,keyCertSign,cRLSign` and a subjectKeyIdentifier
 * (RFC 5280 method 1). It is signed with the key and @digest (for ECDSA
 * keys, ECDSA with @digest).
 *
 * Returns: (transfer full) (nullable): the request in PEM, or %NULL with
 *   @error set: %CS_ERROR_INVALID_FIELD when @subject or @path_length is
 *   invalid, %CS_ERROR_CRYPTO when OpenSSL fails
 */
char *
cs_csr_generate (CsKeyPair        *key_pair,
                 const CsSubject  *subject,
                 CsDigest          digest,
                 guint             path_length,
                 GError          **error)
{
  X509_REQ *req;
  char *pem;

  g_return_val_if_fail (CS_IS_KEY_PAIR (key_pair), NULL);
  g_return_val_if_fail (subject != NULL, NULL);
  g_return_val_if_fail ((guint) digest < CS_N_DIGESTS, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (path_length > 1)
    {
      g_set_error (error, CS_ERROR, CS_ERROR_INVALID_FIELD,
                   _("Path Length Constraint must be 0 or 1, not %u"), path_length);
      return NULL;
    }
  if (!cs_subject_validate (subject, error))
    return NULL;

  req = build_request (key_pair, subject, digest, path_length);
  pem = req != NULL ? req_to_pem (req) : NULL;
  X509_REQ_free (req);

  if (pem == NULL)
    cs_error_set_from_openssl (error, CS_ERROR_CRYPTO, _("Could not build the certificate request"));
  return pem;
}

/* ------------------------------------------------------------------ */
/* CsCsrInfo                                                          */
/* ------------------------------------------------------------------ */

struct _CsCsrInfo
{
  gatomicrefcount  ref_count;

  char            *pem;
  CsSubject       *subject;
  char            *subject_string;
  EVP_PKEY        *public_key;
  char            *key_description;
  char            *key_fingerprint;
  gboolean         signature_valid;
  char            *digest_label;
  gboolean         has_digest;
  CsDigest         digest;
  gboolean         is_ca;
  int              path_length;
  GStrv            extensions;
};

G_DEFINE_BOXED_TYPE (CsCsrInfo, cs_csr_info, cs_csr_info_ref, cs_csr_info_unref)

/**
 * cs_csr_info_ref:
 * @info: a #CsCsrInfo
 *
 * #CsCsrInfo is immutable and reference-counted: share it with
 * cs_csr_info_ref(), release it with cs_csr_info_unref().
 *
 * Returns: (transfer full): @info
 */
CsCsrInfo *
cs_csr_info_ref (CsCsrInfo *info)
{
  g_return_val_if_fail (info != NULL, NULL);

  g_atomic_ref_count_inc (&info->ref_count);
  return info;
}

/**
 * cs_csr_info_unref:
 * @info: (nullable) (transfer full): a #CsCsrInfo
 *
 * Releases a reference; the last one frees @info.
 */
void
cs_csr_info_unref (CsCsrInfo *info)
{
  if (info == NULL || !g_atomic_ref_count_dec (&info->ref_count))
    return;

  g_free (info->pem);
  cs_subject_free (info->subject);
  g_free (info->subject_string);
  EVP_PKEY_free (info->public_key);
  g_free (info->key_description);
  g_free (info->key_fingerprint);
  g_free (info->digest_label);
  g_strfreev (info->extensions);
  g_free (info);
}

static char *
name_to_string (const X509_NAME *name)
{
  GString *str = g_string_new (NULL);
  int previous_set = -1;

  /* RFC 4514 writes the RDNs from the last to the first; the attributes
   * of one multi-valued RDN are joined by '+'. */
  for (int i = X509_NAME_entry_count (name) - 1; i >= 0; i--)
    {
      const X509_NAME_ENTRY *entry = X509_NAME_get_entry (name, i);
      const ASN1_OBJECT *object = X509_NAME_ENTRY_get_object (entry);
      int nid = OBJ_obj2nid (object);
      int set = X509_NAME_ENTRY_set (entry);
      g_autofree char *value = entry_to_utf8 (entry);
      char oid[80];

      if (nid == NID_undef)
        OBJ_obj2txt (oid, sizeof oid, object, 1);
      append_rdn (str, set == previous_set ? "+" : ", ",
                  nid != NID_undef ? OBJ_nid2sn (nid) : oid, value);
      previous_set = set;
    }
  return g_string_free (str, FALSE);
}

static char *
format_fingerprint (const guchar *digest,
                    guint         length)
{
  GString *str = g_string_sized_new (length * 3);

  for (guint i = 0; i < length; i++)
    g_string_append_printf (str, i ? ":%02X" : "%02X", digest[i]);

  return g_string_free (str, FALSE);
}

/* The same fingerprint as cs_key_pair_get_fingerprint(): SHA-256 of the
 * DER SubjectPublicKeyInfo. */
static char *
key_fingerprint (EVP_PKEY *pkey)
{
  guchar *der = NULL;
  guchar digest[EVP_MAX_MD_SIZE];
  unsigned int digest_len = 0;
  int der_len = i2d_PUBKEY (pkey, &der);
  gboolean ok;

  ok = der_len > 0 && EVP_Digest (der, der_len, digest, &digest_len, EVP_sha256 (), NULL);
  OPENSSL_free (der);

  return ok ? format_fingerprint (digest, digest_len) : NULL;
}

static char *
describe_key (EVP_PKEY *pkey)
{
  char group[80] = "";

  if (EVP_PKEY_is_a (pkey, "RSA"))
    return g_strdup_printf (_("RSA %d"), EVP_PKEY_get_bits (pkey));

  if (EVP_PKEY_is_a (pkey, "EC"))
    {
      const char *nist = NULL;

      if (EVP_PKEY_get_utf8_string_param (pkey, OSSL_PKEY_PARAM_GROUP_NAME, group, sizeof group, NULL))
        nist = EC_curve_nid2nist (OBJ_txt2nid (group));
      /* Translators: %s is the name of an elliptic curve, such as P-256 */
      return g_strdup_printf (_("ECDSA %s"), nist != NULL ? nist : group);
    }

  return g_strdup (EVP_PKEY_get0_type_name (pkey));
}

static const char *
md_label (int md_nid)
{
  for (guint i = 0; i < CS_N_DIGESTS; i++)
    if (digests[i].nid == md_nid)
      return digests[i].label;

  switch (md_nid)
    {
    case NID_md5:
      return "MD5";
    case NID_sha1:
      return "SHA-1";
    case NID_sha224:
      return "SHA-224";
    default:
      return OBJ_nid2sn (md_nid);
    }
}

static void
read_digest (CsCsrInfo      *info,
             const X509_REQ *req)
{
  int sig_nid = X509_REQ_get_signature_nid (req);
  int md_nid = NID_undef;
  int pk_nid = NID_undef;

  if (!OBJ_find_sigid_algs (sig_nid, &md_nid, &pk_nid) || md_nid == NID_undef)
    {
      /* Ed25519, RSA-PSS and unknown algorithms name no digest of their own. */
      info->digest_label = g_strdup (sig_nid != NID_undef ? OBJ_nid2ln (sig_nid) : _("unknown"));
      return;
    }

  info->digest_label = g_strdup (md_label (md_nid));
  for (guint i = 0; i < CS_N_DIGESTS; i++)
    if (digests[i].nid == md_nid)
      {
        info->has_digest = TRUE;
        info->digest = i;
      }
}

static const char *
extension_label (const ASN1_OBJECT *object,
                 char              *buffer,
                 gsize              size)
{
  int nid = OBJ_obj2nid (object);

  switch (nid)
    {
    case NID_basic_constraints:
      return _("Basic Constraints");
    case NID_key_usage:
      return _("Key Usage");
    case NID_ext_key_usage:
      return _("Extended Key Usage");
    case NID_subject_key_identifier:
      return _("Subject Key Identifier");
    case NID_authority_key_identifier:
      return _("Authority Key Identifier");
    case NID_subject_alt_name:
      return _("Subject Alternative Name");
    case NID_name_constraints:
      return _("Name Constraints");
    case NID_certificate_policies:
      return _("Certificate Policies");
    case NID_undef:
      OBJ_obj2txt (buffer, size, object, 1);
      return buffer;
    default:
      return OBJ_nid2ln (nid);
    }
}

/* The extension's value on one line: OpenSSL's multi-line forms (name
 * constraints, policies) are joined with "; " (with " " after a heading
 * such as "Permitted:"); values OpenSSL cannot
 * decode are shown in hex. */
static char *
extension_value (X509_EXTENSION *ext)
{
  BIO *bio = BIO_new (BIO_s_mem ());
  g_auto(GStrv) lines = NULL;
  g_autoptr(GString) str = g_string_new (NULL);
  g_autofree char *text = NULL;
  char *data = NULL;
  long length = 0;

  if (bio != NULL && X509V3_EXT_print (bio, ext, X509V3_EXT_DEFAULT, 0) > 0)
    length = BIO_get_mem_data (bio, &data);
  text = g_utf8_make_valid (length > 0 ? data : "", MAX (length, 0));
  lines = g_strsplit (text, "\n", -1);
  BIO_free (bio);
  ERR_clear_error ();

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_strstrip (lines[i]);
      if (*lines[i] == '\0')
        continue;
      /* "Permitted:" heads the lines below it. */
      if (str->len > 0)
        g_string_append (str, str->str[str->len - 1] == ':' ? " " : "; ");
      g_string_append (str, lines[i]);
    }

  if (str->len == 0)
    {
      const ASN1_OCTET_STRING *octets = X509_EXTENSION_get_data (ext);
      char *hex = OPENSSL_buf2hexstr (ASN1_STRING_get0_data (octets), ASN1_STRING_length (octets));

      g_string_append (str, hex != NULL ? hex : "");
      OPENSSL_free (hex);
    }
  return g_string_free (g_steal_pointer (&str), FALSE);
}

static char *
describe_extension (X509_EXTENSION *ext)
{
  char buffer[80];
  const char *label = extension_label (X509_EXTENSION_get_object (ext), buffer, sizeof buffer);
  g_autofree char *value = extension_value (ext);

  if (X509_EXTENSION_get_critical (ext))
    /* Translators: an extension of a certificate request, such as
     * “Key Usage (critical): Certificate Sign, CRL Sign” */
    return g_strdup_printf (_("%s (critical): %s"), label, value);
  /* Translators: an extension of a certificate request, such as
   * “Subject Key Identifier: 12:AB:…” */
  return g_strdup_printf (_("%s: %s"), label, value);
}

static void
read_basic_constraints (CsCsrInfo                       *info,
                        const STACK_OF (X509_EXTENSION) *exts)
{
  BASIC_CONSTRAINTS *bc = X509V3_get_d2i (exts, NID_basic_constraints, NULL, NULL);
  long pathlen;

  info->path_length = -1;
  if (bc == NULL)
    return;

  info->is_ca = bc->ca != 0;
  if (bc->pathlen != NULL)
    {
      pathlen = ASN1_INTEGER_get (bc->pathlen);
      info->path_length = pathlen >= 0 && pathlen <= G_MAXINT ? (int) pathlen : -1;
    }
  BASIC_CONSTRAINTS_free (bc);
}

static void
read_extensions (CsCsrInfo *info,
                 X509_REQ  *req)
{
  STACK_OF (X509_EXTENSION) *exts = X509_REQ_get_extensions (req);
  GPtrArray *lines = g_ptr_array_new ();

  for (int i = 0; i < sk_X509_EXTENSION_num (exts); i++)
    g_ptr_array_add (lines, describe_extension (sk_X509_EXTENSION_value (exts, i)));
  g_ptr_array_add (lines, NULL);
  info->extensions = (GStrv) g_ptr_array_free (lines, FALSE);

  read_basic_constraints (info, exts);
  sk_X509_EXTENSION_pop_free (exts, X509_EXTENSION_free);
  ERR_clear_error ();
}

static X509_REQ *
parse_pem (const char  *pem,
           gsize        length,
           GError     **error)
{
  BIO *bio;
  X509_REQ *req;

  if (length > CS_CSR_MAX_SIZE)
    {
      g_autofree char *size = g_format_size (length);

      g_set_error (error, CS_ERROR, CS_ERROR_TOO_LARGE,
                   _("The certificate request is %s large; a request may be at most 64 KiB"), size);
      return NULL;
    }

  bio = BIO_new_mem_buf (pem, (int) length);
  req = bio != NULL ? PEM_read_bio_X509_REQ (bio, NULL, NULL, NULL) : NULL;
  BIO_free (bio);

  if (req == NULL)
    cs_error_set_from_openssl (error, CS_ERROR_INVALID_CSR,
                               _("This is not a certificate request in PEM format (“BEGIN CERTIFICATE REQUEST”)"));
  return req;
}

static CsCsrInfo *
info_new_from_req (X509_REQ  *req,
                   GError   **error)
{
  g_autoptr(CsCsrInfo) info = g_new0 (CsCsrInfo, 1);
  EVP_PKEY *pkey;

  g_atomic_ref_count_init (&info->ref_count);
  info->path_length = -1;

  pkey = X509_REQ_get_pubkey (req);
  if (pkey == NULL)
    {
      cs_error_set_from_openssl (error, CS_ERROR_INVALID_CSR,
                                 _("The public key of the certificate request could not be read"));
      return NULL;
    }
  info->public_key = pkey;
  info->signature_valid = X509_REQ_verify (req, pkey) == 1;
  ERR_clear_error ();

  info->pem = req_to_pem (req);
  info->subject = cs_subject_new_from_x509_name (X509_REQ_get_subject_name (req));
  info->subject_string = name_to_string (X509_REQ_get_subject_name (req));
  info->key_description = describe_key (pkey);
  info->key_fingerprint = key_fingerprint (pkey);
  read_digest (info, req);
  read_extensions (info, req);

  if (info->pem == NULL || info->key_fingerprint == NULL)
    {
      cs_error_set_from_openssl (error, CS_ERROR_INVALID_CSR, _("The certificate request could not be read"));
      return NULL;
    }
  return g_steal_pointer (&info);
}

/**
 * cs_csr_info_new_from_pem:
 * @pem: a PEM certificate request ("BEGIN CERTIFICATE REQUEST")
 * @length: the length of @pem in bytes, or -1 if it is nul-terminated
 * @error: return location for a #GError
 *
 * Decodes a request, whoever wrote it, for display: its subject, its key,
 * its requested extensions and whether its self-signature verifies. A
 * request whose signature does not verify is still decoded (see
 * cs_csr_info_get_signature_valid()).
 *
 * Returns: (transfer full) (nullable): a new #CsCsrInfo, or %NULL with
 *   @error set: %CS_ERROR_TOO_LARGE over 64 KiB (checked before parsing),
 *   %CS_ERROR_INVALID_CSR when @pem is no request
 */
CsCsrInfo *
cs_csr_info_new_from_pem (const char  *pem,
                          gssize       length,
                          GError     **error)
{
  X509_REQ *req;
  CsCsrInfo *info;

  g_return_val_if_fail (pem != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  req = parse_pem (pem, length < 0 ? strlen (pem) : (gsize) length, error);
  if (req == NULL)
    return NULL;

  info = info_new_from_req (req, error);
  X509_REQ_free (req);
  return info;
}

/**
 * cs_csr_info_get_pem:
 * @info: a #CsCsrInfo
 *
 * Returns: the request in PEM, as OpenSSL encodes it (text around the PEM
 *   block of the input is left out)
 */
const char *
cs_csr_info_get_pem (const CsCsrInfo *info)
{
  g_return_val_if_fail (info != NULL, NULL);
  return info->pem;
}

/**
 * cs_csr_info_get_subject:
 * @info: a #CsCsrInfo
 *
 * Returns: (transfer none): the six subject fields of the request; other
 *   attributes show only in cs_csr_info_get_subject_string()
 */
const CsSubject *
cs_csr_info_get_subject (const CsCsrInfo *info)
{
  g_return_val_if_fail (info != NULL, NULL);
  return info->subject;
}

/**
 * cs_csr_info_get_subject_string:
 * @info: a #CsCsrInfo
 *
 * Returns: the whole subject as an RFC 4514 string, as
 *   cs_subject_to_string() formats it ("CN=…, O=…, C=DE")
 */
const char *
cs_csr_info_get_subject_string (const CsCsrInfo *info)
{
  g_return_val_if_fail (info != NULL, NULL);
  return info->subject_string;
}

/**
 * cs_csr_info_get_key_description:
 * @info: a #CsCsrInfo
 *
 * Returns: the request's key type for people, such as "RSA 2048" or
 *   "ECDSA P-256"
 */
const char *
cs_csr_info_get_key_description (const CsCsrInfo *info)
{
  g_return_val_if_fail (info != NULL, NULL);
  return info->key_description;
}

/**
 * cs_csr_info_get_key_fingerprint:
 * @info: a #CsCsrInfo
 *
 * Returns: the SHA-256 fingerprint of the request's public key, in the
 *   format of cs_key_pair_get_fingerprint()
 */
const char *
cs_csr_info_get_key_fingerprint (const CsCsrInfo *info)
{
  g_return_val_if_fail (info != NULL, NULL);
  return info->key_fingerprint;
}

/**
 * cs_csr_info_get_signature_valid:
 * @info: a #CsCsrInfo
 *
 * Returns: %TRUE if the request's self-signature verifies with its key
 */
gboolean
cs_csr_info_get_signature_valid (const CsCsrInfo *info)
{
  g_return_val_if_fail (info != NULL, FALSE);
  return info->signature_valid;
}

/**
 * cs_csr_info_get_digest_label:
 * @info: a #CsCsrInfo
 *
 * Returns: the digest of the request's signature, such as "SHA-256"
 */
const char *
cs_csr_info_get_digest_label (const CsCsrInfo *info)
{
  g_return_val_if_fail (info != NULL, NULL);
  return info->digest_label;
}

/**
 * cs_csr_info_get_digest:
 * @info: a #CsCsrInfo
 * @digest: (out): where to store the digest
 *
 * Returns: %TRUE if the request is signed with one of the #CsDigest digests
 */
gboolean
cs_csr_info_get_digest (const CsCsrInfo *info,
                        CsDigest        *digest)
{
  g_return_val_if_fail (info != NULL, FALSE);
  g_return_val_if_fail (digest != NULL, FALSE);

  if (info->has_digest)
    *digest = info->digest;
  return info->has_digest;
}

/**
 * cs_csr_info_get_path_length:
 * @info: a #CsCsrInfo
 *
 * Returns: the requested path length constraint, or -1 if none is requested
 */
int
cs_csr_info_get_path_length (const CsCsrInfo *info)
{
  g_return_val_if_fail (info != NULL, -1);
  return info->path_length;
}

/**
 * cs_csr_info_get_is_ca:
 * @info: a #CsCsrInfo
 *
 * Returns: %TRUE if the request asks for basicConstraints CA:TRUE
 */
gboolean
cs_csr_info_get_is_ca (const CsCsrInfo *info)
{
  g_return_val_if_fail (info != NULL, FALSE);
  return info->is_ca;
}

/**
 * cs_csr_info_get_extensions:
 * @info: a #CsCsrInfo
 *
 * Returns: (transfer none) (array zero-terminated=1): one line for people
 *   per requested extension, in the request's order, such as
 *   "Basic Constraints (critical): CA:TRUE, pathlen:1"; empty if none
 */
const char * const *
cs_csr_info_get_extensions (const CsCsrInfo *info)
{
  g_return_val_if_fail (info != NULL, NULL);
  return (const char * const *) info->extensions;
}

/**
 * cs_csr_info_matches_key:
 * @info: a #CsCsrInfo
 * @key_pair: a key pair
 *
 * Returns: %TRUE if the request is for the public key of @key_pair
 */
gboolean
cs_csr_info_matches_key (const CsCsrInfo *info,
                         CsKeyPair       *key_pair)
{
  g_return_val_if_fail (info != NULL, FALSE);
  g_return_val_if_fail (CS_IS_KEY_PAIR (key_pair), FALSE);

  return cs_key_pair_matches (key_pair, info->public_key);
}

static void
append_line (GString    *str,
             const char *indent,
             const char *label,
             const char *value)
{
  /* Translators: a label and its value in the decoded request, "Country: DE" */
  g_autofree char *line = g_strdup_printf (_("%s: %s"), label, value);

  g_string_append_printf (str, "%s%s\n", indent, line);
}

static void
append_subject (GString         *str,
                const CsCsrInfo *info)
{
  append_line (str, "", _("Subject"), info->subject_string);
  for (guint i = 0; i < CS_N_SUBJECT_FIELDS; i++)
    {
      const char *value = cs_subject_get (info->subject, i);
      const char *country = i == CS_SUBJECT_COUNTRY ? cs_country_get_name (value) : NULL;
      g_autofree char *shown = NULL;

      if (*value == '\0')
        continue;
      shown = country != NULL ? g_strdup_printf ("%s (%s)", value, country) : g_strdup (value);
      append_line (str, "  ", cs_subject_field_get_label (i), shown);
    }
}

/**
 * cs_csr_info_to_text:
 * @info: a #CsCsrInfo
 *
 * Describes the whole request for people, one fact a line, with
 * translated labels: the subject and its fields, the key and its
 * fingerprint, the signature's digest and whether it verifies, and the
 * requested extensions.
 *
 * Returns: (transfer full): the text
 */
char *
cs_csr_info_to_text (const CsCsrInfo *info)
{
  GString *str;

  g_return_val_if_fail (info != NULL, NULL);

  str = g_string_new (NULL);
  append_subject (str, info);
  append_line (str, "", _("Public key"), info->key_description);
  append_line (str, "", _("Public key fingerprint (SHA-256)"), info->key_fingerprint);
  append_line (str, "", _("Signature digest"), info->digest_label);
  append_line (str, "", _("Self-signature"),
               info->signature_valid ? _("verified")
                                     : _("does not verify: the request was altered or damaged"));

  if (info->extensions[0] == NULL)
    append_line (str, "", _("Requested extensions"), _("none"));
  else
    g_string_append_printf (str, "%s\n", _("Requested extensions:"));
  for (guint i = 0; info->extensions[i] != NULL; i++)
    g_string_append_printf (str, "  %s\n", info->extensions[i]);

  return g_string_free (str, FALSE);
}
