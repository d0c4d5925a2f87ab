/* test-csr.c — CsSubject, cs_csr_generate() and CsCsrInfo, checked against openssl
 *
 * Copyright 2026 The Chainsmith authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>
#include <string.h>

#include "cs-csr.h"
#include "cs-error.h"
#include "cs-test-util.h"

static CsKeyPair *rsa_key;
static CsKeyPair *ec_key;

/* Runs a shell line in the test's folder with @input on its standard input;
 * fails the test unless it exits 0. Returns standard output followed by
 * standard error. */
static char *
sh_with_input (const char *input,
               const char *command)
{
  const char *argv[] = { "/bin/sh", "-c", command, NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status;

  status = cs_test_spawn (argv, input, &out, &err);
  if (status != 0)
    g_error ("“%s” failed (%d): %s%s", command, status, out, err);
  return g_strconcat (out, err, NULL);
}

static char *
read_tmp_file (const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (cs_test_get_tmp_dir (), name, NULL);
  char *contents = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  return contents;
}

static char *
replace (const char *text,
         const char *from,
         const char *to)
{
  g_auto(GStrv) parts = g_strsplit (text, from, -1);

  return g_strjoinv (to, parts);
}

static void
assert_matches (const char *text,
                const char *pattern)
{
  if (!g_regex_match_simple (pattern, text, G_REGEX_MULTILINE, 0))
    g_error ("“%s” not found in:\n%s", pattern, text);
}

static CsSubject *
example_subject (void)
{
  CsSubject *subject = cs_subject_new ();

  cs_subject_set (subject, CS_SUBJECT_COMMON_NAME, "Example Inspection CA");
  cs_subject_set (subject, CS_SUBJECT_ORGANIZATION, "Example Corp");
  cs_subject_set (subject, CS_SUBJECT_DEPARTMENT, "Network Security");
  cs_subject_set (subject, CS_SUBJECT_CITY, "Berlin");
  cs_subject_set (subject, CS_SUBJECT_STATE, "Berlin State");
  cs_subject_set (subject, CS_SUBJECT_COUNTRY, "DE");
  return subject;
}

/* ------------------------------------------------------------------ */

static void
test_digest_names (void)
{
  const char *labels[] = { "SHA-256", "SHA-384", "SHA-512" };
  const char *api_names[] = { "SHA256", "SHA384", "SHA512" };

  g_assert_cmpint (CS_DIGEST_DEFAULT, ==, CS_DIGEST_SHA256);
  for (guint i = 0; i < CS_N_DIGESTS; i++)
    {
      CsDigest digest = CS_N_DIGESTS;

      g_assert_cmpstr (cs_digest_get_label (i), ==, labels[i]);
      g_assert_cmpstr (cs_digest_get_api_name (i), ==, api_names[i]);
      g_assert_true (cs_digest_from_nick (cs_digest_get_nick (i), &digest));
      g_assert_cmpint (digest, ==, i);
      digest = CS_N_DIGESTS;
      g_assert_true (cs_digest_from_api_name (api_names[i], &digest));
      g_assert_cmpint (digest, ==, i);
    }
  g_assert_false (cs_digest_from_nick ("sha1", &(CsDigest) { 0 }));
  g_assert_false (cs_digest_from_api_name ("sha256", &(CsDigest) { 0 }));
}

static void
test_field_names (void)
{
  const char *short_names[] = { "CN", "O", "OU", "L", "ST", "C" };
  const char *api_names[] = { "commName", "orgName", "deptName", "city", "state", "country" };
  const char *labels[] = { "Common Name (CN)", "Organization", "Department Name",
                           "Town/City", "Province/Region/County/State", "Country" };

  for (guint i = 0; i < CS_N_SUBJECT_FIELDS; i++)
    {
      CsSubjectField field = CS_N_SUBJECT_FIELDS;

      g_assert_cmpstr (cs_subject_field_get_short_name (i), ==, short_names[i]);
      g_assert_cmpstr (cs_subject_field_get_api_name (i), ==, api_names[i]);
      g_assert_cmpstr (cs_subject_field_get_label (i), ==, labels[i]);
      g_assert_true (cs_subject_field_from_api_name (api_names[i], &field));
      g_assert_cmpint (field, ==, i);
    }
  g_assert_false (cs_subject_field_from_api_name ("CN", &(CsSubjectField) { 0 }));
  g_assert_true (cs_subject_field_is_required (CS_SUBJECT_COUNTRY));
  g_assert_false (cs_subject_field_is_required (CS_SUBJECT_STATE));
  g_assert_cmpuint (cs_subject_field_get_max_length (CS_SUBJECT_CITY), ==, 128);
}

static void
test_subject_boxed (void)
{
  g_autoptr(CsSubject) subject = example_subject ();
  g_autoptr(CsSubject) copy = NULL;
  g_autoptr(CsSubject) empty = cs_subject_new ();
  g_autofree char *string = NULL;

  g_assert_true (G_TYPE_IS_BOXED (CS_TYPE_SUBJECT));
  copy = g_boxed_copy (CS_TYPE_SUBJECT, subject);
  g_assert_true (copy != subject);
  g_assert_true (cs_subject_equal (copy, subject));

  cs_subject_set (copy, CS_SUBJECT_CITY, NULL);
  g_assert_cmpstr (cs_subject_get (copy, CS_SUBJECT_CITY), ==, "");
  g_assert_false (cs_subject_equal (copy, subject));
  cs_subject_set (copy, CS_SUBJECT_CITY, "");
  g_assert_cmpstr (cs_subject_get (copy, CS_SUBJECT_CITY), ==, "");
  g_assert_cmpstr (cs_subject_get (subject, CS_SUBJECT_CITY), ==, "Berlin");

  for (guint i = 0; i < CS_N_SUBJECT_FIELDS; i++)
    g_assert_cmpstr (cs_subject_get (empty, i), ==, "");

  string = cs_subject_to_string (subject);
  g_assert_cmpstr (string, ==,
                   "CN=Example Inspection CA, OU=Network Security, O=Example Corp, "
                   "L=Berlin, ST=Berlin State, C=DE");
}

/* ------------------------------------------------------------------ */

typedef struct
{
  CsSubjectField  field;
  const char     *value;
} FieldCase;

static void
assert_invalid (CsSubjectField  field,
                const char     *value,
                const char     *also_in_message)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) generate_error = NULL;
  g_autoptr(CsSubject) subject = example_subject ();
  g_autofree char *pem = NULL;

  g_assert_false (cs_subject_field_validate (field, value, &error));
  g_assert_error (error, CS_ERROR, CS_ERROR_INVALID_FIELD);
  if (strstr (error->message, cs_subject_field_get_label (field)) == NULL)
    g_error ("“%s” does not name %s", error->message, cs_subject_field_get_label (field));
  if (also_in_message != NULL && strstr (error->message, also_in_message) == NULL)
    g_error ("“%s” does not say “%s”", error->message, also_in_message);

  /* The subject and the request refuse it with the same message. */
  cs_subject_set (subject, field, value);
  pem = cs_csr_generate (rsa_key, subject, CS_DIGEST_DEFAULT, 1, &generate_error);
  g_assert_null (pem);
  g_assert_error (generate_error, CS_ERROR, CS_ERROR_INVALID_FIELD);
  g_assert_cmpstr (generate_error->message, ==, error->message);
}

static void
assert_valid (CsSubjectField  field,
              const char     *value)
{
  g_autoptr(GError) error = NULL;

  cs_subject_field_validate (field, value, &error);
  g_assert_no_error (error);
}

static void
test_validation (void)
{
  g_autofree char *cn64 = g_strnfill (64, 'a');
  g_autofree char *cn65 = g_strnfill (65, 'a');
  g_autofree char *l128 = g_strnfill (128, 'l');
  g_autofree char *l129 = g_strnfill (129, 'l');
  GString *umlauts = g_string_new (NULL);
  g_autofree char *umlauts64 = NULL;

  for (guint i = 0; i < 64; i++)
    g_string_append (umlauts, "ü");
  umlauts64 = g_string_free (umlauts, FALSE);

  assert_invalid (CS_SUBJECT_COMMON_NAME, "", NULL);
  assert_invalid (CS_SUBJECT_COMMON_NAME, NULL, NULL);
  assert_invalid (CS_SUBJECT_ORGANIZATION, "", NULL);
  assert_invalid (CS_SUBJECT_COUNTRY, NULL, NULL);
  assert_invalid (CS_SUBJECT_COMMON_NAME, cn65, "64");
  assert_valid (CS_SUBJECT_COMMON_NAME, cn64);
  /* Characters, not bytes: 64 "ü" are 128 bytes. */
  assert_valid (CS_SUBJECT_COMMON_NAME, umlauts64);
  assert_invalid (CS_SUBJECT_CITY, l129, "128");
  assert_valid (CS_SUBJECT_CITY, l128);
  assert_invalid (CS_SUBJECT_STATE, l129, "128");
  assert_invalid (CS_SUBJECT_DEPARTMENT, cn65, "64");

  assert_invalid (CS_SUBJECT_COUNTRY, "XX", "XX");
  assert_invalid (CS_SUBJECT_COUNTRY, "de", "DE");
  assert_invalid (CS_SUBJECT_COUNTRY, "DEU", "DEU");
  assert_invalid (CS_SUBJECT_COUNTRY, "D", NULL);
  assert_invalid (CS_SUBJECT_COUNTRY, "D1", NULL);
  assert_valid (CS_SUBJECT_COUNTRY, "CH");

  assert_invalid (CS_SUBJECT_ORGANIZATION, "Example\tCorp", NULL);
  assert_invalid (CS_SUBJECT_COMMON_NAME, "Line\nbreak", NULL);
  assert_invalid (CS_SUBJECT_CITY, "Bell\x07", NULL);
  assert_invalid (CS_SUBJECT_STATE, "\xc2\x85" "NEL", NULL);
  assert_invalid (CS_SUBJECT_DEPARTMENT, " Leading", NULL);
  assert_invalid (CS_SUBJECT_DEPARTMENT, "Trailing ", NULL);
  assert_invalid (CS_SUBJECT_COMMON_NAME, "   ", NULL);
  assert_invalid (CS_SUBJECT_STATE, "Bad \xff UTF-8", NULL);

  /* Optional fields may be empty. */
  assert_valid (CS_SUBJECT_DEPARTMENT, "");
  assert_valid (CS_SUBJECT_CITY, NULL);
  assert_valid (CS_SUBJECT_STATE, "Zürich");
}

static void
test_subject_validate_order (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CsSubject) subject = cs_subject_new ();

  /* Everything is wrong: the first field in order is reported. */
  cs_subject_set (subject, CS_SUBJECT_COUNTRY, "xx");
  cs_subject_set (subject, CS_SUBJECT_CITY, "\t");
  g_assert_false (cs_subject_validate (subject, &error));
  g_assert_error (error, CS_ERROR, CS_ERROR_INVALID_FIELD);
  g_assert_nonnull (strstr (error->message, cs_subject_field_get_label (CS_SUBJECT_COMMON_NAME)));
  g_clear_error (&error);

  cs_subject_set (subject, CS_SUBJECT_COMMON_NAME, "CN");
  cs_subject_set (subject, CS_SUBJECT_ORGANIZATION, "O");
  g_assert_false (cs_subject_validate (subject, &error));
  g_assert_nonnull (strstr (error->message, cs_subject_field_get_label (CS_SUBJECT_CITY)));
  g_clear_error (&error);

  cs_subject_set (subject, CS_SUBJECT_CITY, NULL);
  g_assert_false (cs_subject_validate (subject, &error));
  g_assert_nonnull (strstr (error->message, cs_subject_field_get_label (CS_SUBJECT_COUNTRY)));
  g_clear_error (&error);

  cs_subject_set (subject, CS_SUBJECT_COUNTRY, "FR");
  g_assert_true (cs_subject_validate (subject, &error));
  g_assert_no_error (error);
}

static void
test_bad_path_length (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CsSubject) subject = example_subject ();
  g_autofree char *pem = NULL;

  pem = cs_csr_generate (rsa_key, subject, CS_DIGEST_DEFAULT, 2, &error);
  g_assert_null (pem);
  g_assert_error (error, CS_ERROR, CS_ERROR_INVALID_FIELD);
  g_assert_nonnull (strstr (error->message, "Path Length"));
}

/* ------------------------------------------------------------------ */

typedef struct
{
  gboolean ec;
  CsDigest digest;
  guint    path_length;
} GenerateCase;

static void
check_request_text (const char         *text,
                    const GenerateCase *gc)
{
  g_autofree char *pathlen = g_strdup_printf ("^ +CA:TRUE, pathlen:%u$", gc->path_length);
  g_autofree char *signature = NULL;

  g_assert_nonnull (strstr (text, "self-signature verify OK"));
  assert_matches (text, "^ +Version: 1 \\(0x0\\)$");
  assert_matches (text, "^ +Subject: C = DE, ST = Berlin State, L = Berlin, O = Example Corp, "
                        "OU = Network Security, CN = Example Inspection CA$");
  assert_matches (text, "^ +X509v3 Basic Constraints: critical\n");
  assert_matches (text, pathlen);
  assert_matches (text, "^ +X509v3 Key Usage: critical\n +Certificate Sign, CRL Sign$");
  assert_matches (text, "^ +X509v3 Subject Key Identifier: *\n +([0-9A-F]{2}:){19}[0-9A-F]{2}$");

  if (gc->ec)
    signature = g_strdup_printf ("^ +Signature Algorithm: ecdsa-with-SHA%s$", cs_digest_get_nick (gc->digest) + 3);
  else
    signature = g_strdup_printf ("^ +Signature Algorithm: %sWithRSAEncryption$", cs_digest_get_nick (gc->digest));
  assert_matches (text, signature);
  assert_matches (text, gc->ec ? "^ +Public-Key: \\(256 bit\\)$" : "^ +Public-Key: \\(2048 bit\\)$");
}

static void
check_request_info (const char         *pem,
                    const GenerateCase *gc,
                    CsKeyPair          *key_pair)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CsCsrInfo) info = NULL;
  g_autoptr(CsSubject) subject = example_subject ();
  g_autofree char *subject_string = cs_subject_to_string (subject);
  g_autofree char *bc = g_strdup_printf ("Basic Constraints (critical): CA:TRUE, pathlen:%u", gc->path_length);
  const char * const *extensions;
  CsDigest digest = CS_N_DIGESTS;

  info = cs_csr_info_new_from_pem (pem, -1, &error);
  g_assert_no_error (error);
  g_assert_true (cs_csr_info_get_signature_valid (info));
  g_assert_true (cs_subject_equal (cs_csr_info_get_subject (info), subject));
  g_assert_cmpstr (cs_csr_info_get_subject_string (info), ==, subject_string);
  g_assert_cmpstr (cs_csr_info_get_key_description (info), ==, cs_key_pair_get_description (key_pair));
  g_assert_cmpstr (cs_csr_info_get_key_fingerprint (info), ==, cs_key_pair_get_fingerprint (key_pair));
  g_assert_cmpstr (cs_csr_info_get_digest_label (info), ==, cs_digest_get_label (gc->digest));
  g_assert_true (cs_csr_info_get_digest (info, &digest));
  g_assert_cmpint (digest, ==, gc->digest);
  g_assert_cmpint (cs_csr_info_get_path_length (info), ==, gc->path_length);
  g_assert_true (cs_csr_info_get_is_ca (info));
  g_assert_true (cs_csr_info_matches_key (info, key_pair));
  g_assert_false (cs_csr_info_matches_key (info, key_pair == rsa_key ? ec_key : rsa_key));
  g_assert_cmpstr (cs_csr_info_get_pem (info), ==, pem);

  extensions = cs_csr_info_get_extensions (info);
  g_assert_cmpuint (g_strv_length ((char **) extensions), ==, 3);
  g_assert_cmpstr (extensions[0], ==, bc);
  g_assert_cmpstr (extensions[1], ==, "Key Usage (critical): Certificate Sign, CRL Sign");
  g_assert_true (g_str_has_prefix (extensions[2], "Subject Key Identifier: "));
}

static void
test_generate (gconstpointer data)
{
  const GenerateCase *gc = data;
  CsKeyPair *key_pair = gc->ec ? ec_key : rsa_key;
  g_autoptr(GError) error = NULL;
  g_autoptr(CsSubject) subject = example_subject ();
  g_autofree char *pem = NULL;
  g_autofree char *text = NULL;
  g_autofree char *asn1 = NULL;
  g_autofree char *pubkey = NULL;

  pem = cs_csr_generate (key_pair, subject, gc->digest, gc->path_length, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (pem, "-----BEGIN CERTIFICATE REQUEST-----\n"));

  text = sh_with_input (pem, "openssl req -verify -noout -text -nameopt oneline,-esc_msb,utf8");
  check_request_text (text, gc);

  /* The request carries the key pair's public key. */
  pubkey = sh_with_input (pem, "openssl req -noout -pubkey");
  g_assert_cmpstr (pubkey, ==, cs_key_pair_get_public_pem (key_pair));

  /* countryName is a PrintableString, the others UTF8String. */
  asn1 = sh_with_input (pem, "openssl asn1parse");
  assert_matches (asn1, "PRINTABLESTRING +:DE$");
  assert_matches (asn1, "UTF8STRING +:Example Inspection CA$");
  assert_matches (asn1, "UTF8STRING +:Berlin$");
  g_assert_false (g_regex_match_simple ("PRINTABLESTRING +:[^D]", asn1, G_REGEX_MULTILINE, 0));

  check_request_info (pem, gc, key_pair);
}

/* openssl computes the SKID of a certificate for the same key itself: the
 * request's SKID must be the same (RFC 5280 method 1). */
static void
test_skid_is_method_1 (void)
{
  CsKeyPair *keys[] = { rsa_key, ec_key };

  cs_test_sh ("openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes "
              "-keyout skid-ca-key.pem -out skid-ca.pem -subj /CN=SKID-CA -days 2 2>/dev/null");
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CsSubject) subject = example_subject ();
      g_autoptr(CsCsrInfo) info = NULL;
      g_autofree char *pem = cs_csr_generate (keys[i], subject, CS_DIGEST_SHA256, 0, &error);
      g_autofree char *cert = NULL;
      g_autofree char *expected = NULL;

      g_assert_no_error (error);
      cert = sh_with_input (pem, "printf 'subjectKeyIdentifier=hash\\n' > skid.ext && "
                                 "openssl x509 -req -CA skid-ca.pem -CAkey skid-ca-key.pem -days 1 "
                                 "-extfile skid.ext -set_serial 1 2>/dev/null "
                                 "| openssl x509 -noout -ext subjectKeyIdentifier");
      info = cs_csr_info_new_from_pem (pem, -1, &error);
      g_assert_no_error (error);
      expected = g_strdup_printf ("%s\n", cs_csr_info_get_extensions (info)[2] + strlen ("Subject Key Identifier: "));
      g_assert_true (g_str_has_suffix (cert, expected));
    }
}

static void
test_utf8_round_trip (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CsSubject) subject = example_subject ();
  g_autoptr(CsCsrInfo) info = NULL;
  g_autofree char *pem = NULL;
  g_autofree char *text = NULL;
  const CsSubject *parsed;

  cs_subject_set (subject, CS_SUBJECT_COMMON_NAME, "東京 Inspection CA");
  cs_subject_set (subject, CS_SUBJECT_CITY, "Zürich");
  cs_subject_set (subject, CS_SUBJECT_STATE, "Zürich");
  cs_subject_set (subject, CS_SUBJECT_ORGANIZATION, "Ωmega Ltd");
  cs_subject_set (subject, CS_SUBJECT_COUNTRY, "CH");

  pem = cs_csr_generate (ec_key, subject, CS_DIGEST_SHA384, 1, &error);
  g_assert_no_error (error);

  text = sh_with_input (pem, "openssl req -noout -subject -nameopt oneline,-esc_msb,utf8");
  g_assert_cmpstr (text, ==, "subject=C = CH, ST = Zürich, L = Zürich, O = Ωmega Ltd, "
                             "OU = Network Security, CN = 東京 Inspection CA\n");

  info = cs_csr_info_new_from_pem (pem, strlen (pem), &error);
  g_assert_no_error (error);
  parsed = cs_csr_info_get_subject (info);
  g_assert_true (cs_subject_equal (parsed, subject));
  g_assert_cmpstr (cs_subject_get (parsed, CS_SUBJECT_COMMON_NAME), ==, "東京 Inspection CA");
  g_assert_cmpstr (cs_subject_get (parsed, CS_SUBJECT_CITY), ==, "Zürich");
}

/* The RFC 4514 string, compared with openssl's own RFC 2253 escaping. */
static void
test_subject_string_escaping (void)
{
  const char *values[] = { "Acme, Inc.", "a+b=c", "#hash", "quote\"back\\slash", "<angle>;semi", "x #y" };

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CsSubject) subject = example_subject ();
      g_autoptr(CsCsrInfo) info = NULL;
      g_autofree char *pem = NULL;
      g_autofree char *openssl = NULL;
      g_autofree char *ours = NULL;
      g_autofree char *expected = NULL;

      cs_subject_set (subject, CS_SUBJECT_ORGANIZATION, values[i]);
      pem = cs_csr_generate (ec_key, subject, CS_DIGEST_SHA256, 1, &error);
      g_assert_no_error (error);
      openssl = sh_with_input (pem, "openssl req -noout -subject "
                                    "-nameopt esc_2253,esc_ctrl,utf8,dn_rev,sname,sep_comma_plus_space");
      ours = cs_subject_to_string (subject);
      expected = g_strdup_printf ("subject=%s\n", ours);
      g_assert_cmpstr (openssl, ==, expected);

      info = cs_csr_info_new_from_pem (pem, -1, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (cs_csr_info_get_subject_string (info), ==, ours);
    }
}

/* A request written by openssl itself, with attributes and extensions
 * Chainsmith does not write. */
static void
test_parse_openssl_request (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CsCsrInfo) info = NULL;
  g_autofree char *pem = NULL;
  g_autofree char *fingerprint = NULL;
  g_autofree char *text = NULL;
  const CsSubject *subject;
  const char * const *extensions;
  CsDigest digest = CS_N_DIGESTS;

  cs_test_sh ("openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-384 -nodes -keyout other-key.pem "
              "-subj '/C=FR/O=Other Org/CN=Other CA/emailAddress=pki@example.org' -sha512 "
              "-addext basicConstraints=critical,CA:TRUE,pathlen:0 "
              "-addext subjectAltName=DNS:ca.example.org,DNS:pki.example.org "
              "-addext 'nameConstraints=critical,permitted;DNS:.example.org' "
              "-out other.csr 2>/dev/null");
  pem = read_tmp_file ("other.csr");

  info = cs_csr_info_new_from_pem (pem, -1, &error);
  g_assert_no_error (error);
  g_assert_true (cs_csr_info_get_signature_valid (info));
  subject = cs_csr_info_get_subject (info);
  g_assert_cmpstr (cs_subject_get (subject, CS_SUBJECT_COMMON_NAME), ==, "Other CA");
  g_assert_cmpstr (cs_subject_get (subject, CS_SUBJECT_ORGANIZATION), ==, "Other Org");
  g_assert_cmpstr (cs_subject_get (subject, CS_SUBJECT_COUNTRY), ==, "FR");
  g_assert_cmpstr (cs_subject_get (subject, CS_SUBJECT_CITY), ==, "");
  g_assert_cmpstr (cs_csr_info_get_subject_string (info), ==,
                   "emailAddress=pki@example.org, CN=Other CA, O=Other Org, C=FR");
  g_assert_cmpstr (cs_csr_info_get_key_description (info), ==, "ECDSA P-384");
  g_assert_cmpstr (cs_csr_info_get_digest_label (info), ==, "SHA-512");
  g_assert_true (cs_csr_info_get_digest (info, &digest));
  g_assert_cmpint (digest, ==, CS_DIGEST_SHA512);
  g_assert_true (cs_csr_info_get_is_ca (info));
  g_assert_cmpint (cs_csr_info_get_path_length (info), ==, 0);
  g_assert_false (cs_csr_info_matches_key (info, ec_key));

  fingerprint = sh_with_input (pem, "openssl req -noout -pubkey | openssl pkey -pubin -outform DER "
                                    "| openssl dgst -sha256 -r | cut -c1-64 | tr a-f A-F | sed 's/../&:/g; s/:$//'");
  g_strchomp (fingerprint);
  g_assert_cmpstr (cs_csr_info_get_key_fingerprint (info), ==, fingerprint);

  extensions = cs_csr_info_get_extensions (info);
  g_assert_cmpuint (g_strv_length ((char **) extensions), ==, 3);
  g_assert_cmpstr (extensions[0], ==, "Basic Constraints (critical): CA:TRUE, pathlen:0");
  g_assert_cmpstr (extensions[1], ==, "Subject Alternative Name: DNS:ca.example.org, DNS:pki.example.org");
  g_assert_cmpstr (extensions[2], ==, "Name Constraints (critical): Permitted: DNS:.example.org");

  text = cs_csr_info_to_text (info);
  g_assert_nonnull (strstr (text, "Subject: emailAddress=pki@example.org, CN=Other CA, O=Other Org, C=FR\n"));
  g_assert_nonnull (strstr (text, "  Country: FR (France)\n"));
  g_assert_nonnull (strstr (text, "Public key: ECDSA P-384\n"));
  g_assert_nonnull (strstr (text, fingerprint));
  g_assert_nonnull (strstr (text, "Signature digest: SHA-512\n"));
  g_assert_nonnull (strstr (text, "Self-signature: verified\n"));
  g_assert_nonnull (strstr (text, "Requested extensions:\n  Basic Constraints (critical): CA:TRUE, pathlen:0\n"));
}

/* A multi-valued RDN, extensions OpenSSL cannot decode, others it can. */
static void
test_parse_unusual_request (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CsCsrInfo) info = NULL;
  g_autofree char *pem = NULL;
  g_autofree char *openssl_subject = NULL;
  g_autofree char *unspaced_plus = NULL;
  g_autofree char *expected = NULL;
  const char * const *extensions;
  CsDigest digest = CS_N_DIGESTS;

  cs_test_sh ("openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout odd-key.pem "
              "-multivalue-rdn -subj '/C=DE/O=Org/CN=Multi+OU=Unit' -sha224 "
              "-addext '1.2.3.4.5=ASN1:UTF8String:hello' "
              "-addext extendedKeyUsage=serverAuth,clientAuth "
              "-addext certificatePolicies=2.5.29.32.0 "
              "-out odd.csr 2>/dev/null");
  pem = read_tmp_file ("odd.csr");

  info = cs_csr_info_new_from_pem (pem, -1, &error);
  g_assert_no_error (error);

  openssl_subject = sh_with_input (pem, "openssl req -noout -subject "
                                        "-nameopt esc_2253,esc_ctrl,utf8,dn_rev,sname,sep_comma_plus_space");
  expected = g_strdup_printf ("subject=%s\n", cs_csr_info_get_subject_string (info));
  /* openssl's sep_comma_plus_space puts spaces around the '+' of a
   * multi-valued RDN; RFC 4514 does not. */
  g_assert_nonnull (strstr (openssl_subject, " + "));
  unspaced_plus = replace (openssl_subject, " + ", "+");
  g_assert_cmpstr (unspaced_plus, ==, expected);
  g_assert_cmpstr (cs_subject_get (cs_csr_info_get_subject (info), CS_SUBJECT_DEPARTMENT), ==, "Unit");

  g_assert_cmpstr (cs_csr_info_get_digest_label (info), ==, "SHA-224");
  g_assert_false (cs_csr_info_get_digest (info, &digest));
  g_assert_cmpint (cs_csr_info_get_path_length (info), ==, -1);
  g_assert_false (cs_csr_info_get_is_ca (info));

  extensions = cs_csr_info_get_extensions (info);
  g_assert_cmpuint (g_strv_length ((char **) extensions), ==, 3);
  /* UTF8String "hello": tag 0C, length 05, then the letters. */
  g_assert_cmpstr (extensions[0], ==, "1.2.3.4.5: 0C:05:68:65:6C:6C:6F");
  g_assert_cmpstr (extensions[1], ==, "Extended Key Usage: TLS Web Server Authentication, TLS Web Client Authentication");
  g_assert_cmpstr (extensions[2], ==, "Certificate Policies: Policy: X509v3 Any Policy");
}

/* A bare request: no extensions, an old digest, a small key. */
static void
test_parse_bare_request (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CsCsrInfo) info = NULL;
  g_autofree char *pem = NULL;
  g_autofree char *text = NULL;
  CsDigest digest = CS_N_DIGESTS;

  cs_test_sh ("openssl req -new -newkey rsa:1024 -nodes -keyout bare-key.pem -subj /CN=bare -sha1 "
              "-out bare.csr 2>/dev/null");
  pem = read_tmp_file ("bare.csr");

  info = cs_csr_info_new_from_pem (pem, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cs_csr_info_get_key_description (info), ==, "RSA 1024");
  g_assert_cmpstr (cs_csr_info_get_digest_label (info), ==, "SHA-1");
  g_assert_false (cs_csr_info_get_digest (info, &digest));
  g_assert_cmpint (digest, ==, CS_N_DIGESTS);
  g_assert_cmpint (cs_csr_info_get_path_length (info), ==, -1);
  g_assert_false (cs_csr_info_get_is_ca (info));
  g_assert_cmpuint (g_strv_length ((char **) cs_csr_info_get_extensions (info)), ==, 0);
  g_assert_true (cs_csr_info_get_signature_valid (info));

  text = cs_csr_info_to_text (info);
  g_assert_nonnull (strstr (text, "Requested extensions: none\n"));
  g_assert_nonnull (strstr (text, "  Common Name (CN): bare\n"));
}

static void
test_parse_ed25519_request (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CsCsrInfo) info = NULL;
  g_autofree char *pem = NULL;

  cs_test_sh ("openssl req -new -newkey ed25519 -nodes -keyout ed-key.pem -subj /CN=ed "
              "-addext basicConstraints=CA:FALSE -out ed.csr 2>/dev/null");
  pem = read_tmp_file ("ed.csr");

  info = cs_csr_info_new_from_pem (pem, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cs_csr_info_get_key_description (info), ==, "ED25519");
  g_assert_cmpstr (cs_csr_info_get_digest_label (info), ==, "ED25519");
  g_assert_true (cs_csr_info_get_signature_valid (info));
  g_assert_false (cs_csr_info_get_is_ca (info));
  g_assert_cmpstr (cs_csr_info_get_extensions (info)[0], ==, "Basic Constraints: CA:FALSE");
}

/* Changes one byte of the signed part of the request. */
static char *
tamper (const char *pem,
        const char *from,
        const char *to)
{
  g_autofree guchar *der = NULL;
  g_autofree char *base64 = NULL;
  g_autofree char *body = NULL;
  GString *out = g_string_new ("-----BEGIN CERTIFICATE REQUEST-----\n");
  const char *begin = strchr (pem, '\n') + 1;
  const char *end = strstr (pem, "-----END");
  gsize length = 0;
  gsize at;

  body = g_strndup (begin, end - begin);
  der = g_base64_decode (body, &length);
  for (at = 0; at + strlen (from) <= length; at++)
    if (memcmp (der + at, from, strlen (from)) == 0)
      break;
  g_assert_cmpuint (at + strlen (from), <=, length);
  memcpy (der + at, to, strlen (to));

  base64 = g_base64_encode (der, length);
  for (gsize i = 0; i < strlen (base64); i += 64)
    g_string_append_printf (out, "%.64s\n", base64 + i);
  g_string_append (out, "-----END CERTIFICATE REQUEST-----\n");
  return g_string_free (out, FALSE);
}

static void
test_tampered (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CsSubject) subject = example_subject ();
  g_autoptr(CsCsrInfo) info = NULL;
  g_autofree char *pem = NULL;
  g_autofree char *tampered = NULL;
  g_autofree char *verify = NULL;
  g_autofree char *text = NULL;

  pem = cs_csr_generate (rsa_key, subject, CS_DIGEST_SHA256, 1, &error);
  g_assert_no_error (error);
  tampered = tamper (pem, "Example Corp", "Exemple Corp");

  /* openssl refuses it too (OpenSSL 3.0 says so, but exits 0). */
  verify = sh_with_input (tampered, "openssl req -verify -noout");
  g_assert_nonnull (strstr (verify, "self-signature verify failure"));

  info = cs_csr_info_new_from_pem (tampered, -1, &error);
  g_assert_no_error (error);
  g_assert_false (cs_csr_info_get_signature_valid (info));
  g_assert_cmpstr (cs_subject_get (cs_csr_info_get_subject (info), CS_SUBJECT_ORGANIZATION), ==, "Exemple Corp");
  g_assert_true (cs_csr_info_matches_key (info, rsa_key));
  text = cs_csr_info_to_text (info);
  g_assert_nonnull (strstr (text, "Self-signature: does not verify"));
}

static void
test_invalid_input (void)
{
  const char *inputs[] = {
    "",
    "garbage",
    "-----BEGIN CERTIFICATE REQUEST-----\nAAAA\n-----END CERTIFICATE REQUEST-----\n",
    "-----BEGIN CERTIFICATE REQUEST-----\n-----END CERTIFICATE REQUEST-----\n",
  };
  g_autofree char *certificate = NULL;
  g_autofree char *big = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CsCsrInfo) info = NULL;
  g_autoptr(CsCsrInfo) info_cert = NULL;
  g_autoptr(CsCsrInfo) info_big = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      g_autoptr(GError) local_error = NULL;
      g_autoptr(CsCsrInfo) local_info = cs_csr_info_new_from_pem (inputs[i], -1, &local_error);

      g_assert_null (local_info);
      g_assert_error (local_error, CS_ERROR, CS_ERROR_INVALID_CSR);
    }

  /* A certificate is not a request. */
  cs_test_sh ("openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes "
              "-keyout cert-key.pem -out cert.pem -subj /CN=cert -days 1 2>/dev/null");
  certificate = read_tmp_file ("cert.pem");
  info_cert = cs_csr_info_new_from_pem (certificate, -1, &error);
  g_assert_null (info_cert);
  g_assert_error (error, CS_ERROR, CS_ERROR_INVALID_CSR);
  g_clear_error (&error);

  /* Over 64 KiB is refused before parsing, whatever the content. */
  big = g_strnfill (64 * 1024 + 1, 'A');
  info_big = cs_csr_info_new_from_pem (big, -1, &error);
  g_assert_null (info_big);
  g_assert_error (error, CS_ERROR, CS_ERROR_TOO_LARGE);
}

static void
test_info_refcount (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CsSubject) subject = example_subject ();
  g_autofree char *pem = NULL;
  g_autofree char *padded = NULL;
  CsCsrInfo *info;
  CsCsrInfo *copy;

  pem = cs_csr_generate (ec_key, subject, CS_DIGEST_SHA256, 0, &error);
  g_assert_no_error (error);
  /* Text around the PEM block is ignored, and the length is honoured. */
  padded = g_strdup_printf ("Request for the CA:\n%sjunk", pem);
  info = cs_csr_info_new_from_pem (padded, strlen (padded) - 4, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cs_csr_info_get_pem (info), ==, pem);

  g_assert_true (G_TYPE_IS_BOXED (CS_TYPE_CSR_INFO));
  copy = g_boxed_copy (CS_TYPE_CSR_INFO, info);
  g_assert_true (copy == info);
  cs_csr_info_unref (info);
  g_assert_cmpint (cs_csr_info_get_path_length (copy), ==, 0);
  g_boxed_free (CS_TYPE_CSR_INFO, copy);
}

int
main (int   argc,
      char *argv[])
{
  static GenerateCase cases[2 * CS_N_DIGESTS * 2];
  g_autoptr(GError) error = NULL;
  guint n = 0;
  int status;

  cs_test_init (&argc, &argv);

  rsa_key = cs_key_pair_generate (CS_KEY_TYPE_RSA_2048, NULL, &error);
  g_assert_no_error (error);
  ec_key = cs_key_pair_generate (CS_KEY_TYPE_EC_P256, NULL, &error);
  g_assert_no_error (error);

  g_test_add_func ("/csr/digest-names", test_digest_names);
  g_test_add_func ("/csr/field-names", test_field_names);
  g_test_add_func ("/csr/subject-boxed", test_subject_boxed);
  g_test_add_func ("/csr/validation", test_validation);
  g_test_add_func ("/csr/validate-order", test_subject_validate_order);
  g_test_add_func ("/csr/bad-path-length", test_bad_path_length);
  for (guint ec = 0; ec < 2; ec++)
    for (guint d = 0; d < CS_N_DIGESTS; d++)
      for (guint p = 0; p < 2; p++)
        {
          g_autofree char *path = g_strdup_printf ("/csr/generate/%s/%s/pathlen-%u",
                                                   ec ? "ecdsa" : "rsa", cs_digest_get_nick (d), p);

          cases[n] = (GenerateCase) { ec, d, p };
          g_test_add_data_func (path, &cases[n++], test_generate);
        }
  g_test_add_func ("/csr/skid-method-1", test_skid_is_method_1);
  g_test_add_func ("/csr/utf8-round-trip", test_utf8_round_trip);
  g_test_add_func ("/csr/subject-string-escaping", test_subject_string_escaping);
  g_test_add_func ("/csr/parse-openssl-request", test_parse_openssl_request);
  g_test_add_func ("/csr/parse-unusual-request", test_parse_unusual_request);
  g_test_add_func ("/csr/parse-bare-request", test_parse_bare_request);
  g_test_add_func ("/csr/parse-ed25519-request", test_parse_ed25519_request);
  g_test_add_func ("/csr/tampered", test_tampered);
  g_test_add_func ("/csr/invalid-input", test_invalid_input);
  g_test_add_func ("/csr/info-refcount", test_info_refcount);

  status = g_test_run ();
  g_clear_object (&rsa_key);
  g_clear_object (&ec_key);
  return status;
}
