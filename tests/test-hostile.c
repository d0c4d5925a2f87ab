/* test-hostile.c — hostile files against the core's entry points
 *
 * Copyright 2026 The Chainsmith authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each case feeds one hostile input to cs_inspection_load_file() (the way a
 * chosen file comes in), to cs_inspect() (the checks, also for the inputs
 * over 64 KiB that only a direct call can pass), and where it applies to
 * cs_csr_info_new_from_pem(), and asserts the exact error, or the exact
 * level of every row of the report. The last cases upload them into a real
 * store and assert that a refused upload changes nothing.
 *
 * The ordinary fixtures (root, request, certificate, CRL, PKCS#7) are made
 * by the `openssl` command; the monstrous ones (5,000 extensions, a 1 MB
 * subject, long and looping chains) with OpenSSL's C API, here.
 */

#define _GNU_SOURCE  /* setresuid(), setresgid() */

#include "config.h"

#include <errno.h>
#include <grp.h>
#include <fcntl.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509v3.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include "cs-csr.h"
#include "cs-error.h"
#include "cs-inspection.h"
#include "cs-key-pair-private.h"
#include "cs-store.h"
#include "cs-test-pki.h"
#include "cs-test-store.h"
#include "cs-test-util.h"

#define SUBJECT_CN "Hostile Intermediate"
#define SUBJECT "/CN=" SUBJECT_CN "/O=Test Org/C=DE"
#define MiB (1024 * 1024)

#define PASS CS_CHECK_PASS
#define WARN CS_CHECK_WARN
#define FAIL CS_CHECK_FAIL

static const char *row_ids[] = {
  CS_CHECK_ID_FILE, CS_CHECK_ID_KEY, CS_CHECK_ID_SUBJECT, CS_CHECK_ID_CA,
  CS_CHECK_ID_KEY_USAGE, CS_CHECK_ID_PATH_LENGTH, CS_CHECK_ID_VALIDITY, CS_CHECK_ID_ALGORITHMS,
  CS_CHECK_ID_EKU, CS_CHECK_ID_NAME_CONSTRAINTS, CS_CHECK_ID_CHAIN, CS_CHECK_ID_DRY_RUN,
};

static struct
{
  CsKeyPair *key;        /* the record's key pair (int.key) */
  char      *csr;        /* its request (int.csr) */
  GDateTime *now;
  EVP_PKEY  *root_key;   /* hroot.key, to sign the monsters */
  X509      *root;       /* hroot.pem */
} fx;

/* Fixtures */

static void
make_openssl_fixtures (void)
{
  /* Not "root": cs_test_store_make_pki() makes that one for the store. */
  cs_test_pki_make_root ("hroot", "/CN=Hostile Root/O=Test Org", "ec:P-256", NULL, 3650);
  cs_test_pki_make_key ("int.key", "ec:P-256");
  cs_test_pki_make_csr ("int.key", SUBJECT, "int.csr");
  cs_test_pki_sign ("hroot", "int.csr", CS_TEST_PKI_CA_LINES (1), NULL, "good.pem");
  cs_test_pki_make_crl ("hroot", "hroot.crl");
  cs_test_sh ("openssl crl2pkcs7 -nocrl -certfile good.pem -certfile hroot.pem -out bundle.p7b");
  cs_test_sh ("openssl req -in int.csr -outform DER -out int-csr.der");
}

static EVP_PKEY *
read_private_key (const char *name)
{
  g_autofree char *pem = cs_test_pki_read (name);
  BIO *bio = BIO_new_mem_buf (pem, -1);
  EVP_PKEY *key = PEM_read_bio_PrivateKey (bio, NULL, NULL, NULL);

  BIO_free (bio);
  g_assert_nonnull (key);
  return key;
}

static X509 *
read_certificate (const char *name)
{
  g_autofree char *pem = cs_test_pki_read (name);
  BIO *bio = BIO_new_mem_buf (pem, -1);
  X509 *cert = PEM_read_bio_X509 (bio, NULL, NULL, NULL);

  BIO_free (bio);
  g_assert_nonnull (cert);
  return cert;
}

static void
ensure_fixtures (void)
{
  static gboolean done;
  g_autoptr(GError) error = NULL;
  g_autofree char *key = NULL;
  g_autoptr(GDateTime) start = NULL;

  if (done)
    return;
  done = TRUE;

  make_openssl_fixtures ();
  key = cs_test_pki_read ("int.key");
  fx.key = cs_key_pair_new_from_private_pem (key, strlen (key), &error);
  g_assert_no_error (error);
  fx.csr = cs_test_pki_read ("int.csr");
  fx.root_key = read_private_key ("hroot.key");
  fx.root = read_certificate ("hroot.pem");
  /* After every certificate's start: they start when they were made. */
  start = g_date_time_new_now_utc ();
  fx.now = g_date_time_add_minutes (start, 1);
}

/* Certificates made with the C API */

static void
add_extension (X509       *cert,
               X509       *issuer,
               int         nid,
               const char *value)
{
  X509V3_CTX ctx;
  X509_EXTENSION *ext;

  X509V3_set_ctx (&ctx, issuer != NULL ? issuer : cert, cert, NULL, NULL, 0);
  ext = X509V3_EXT_nconf_nid (NULL, &ctx, nid, value);
  g_assert_nonnull (ext);
  g_assert_true (X509_add_ext (cert, ext, -1));
  X509_EXTENSION_free (ext);
}

/* A certificate for @key named CN=@cn, issued by @issuer_name, valid from
 * an hour ago for @days days; to be finished with finish_certificate(). */
static X509 *
new_certificate (const char      *cn,
                 const X509_NAME *issuer_name,
                 EVP_PKEY        *key,
                 long             days)
{
  X509 *cert = X509_new ();
  X509_NAME *name = X509_NAME_new ();

  g_assert_true (X509_set_version (cert, X509_VERSION_3));
  g_assert_true (ASN1_INTEGER_set_int64 (X509_get_serialNumber (cert), g_random_int () + 1));
  g_assert_nonnull (X509_gmtime_adj (X509_getm_notBefore (cert), -3600));
  g_assert_nonnull (X509_gmtime_adj (X509_getm_notAfter (cert), days * 24 * 3600));
  g_assert_true (X509_NAME_add_entry_by_txt (name, "CN", MBSTRING_UTF8, (const unsigned char *) cn,
                                             -1, -1, 0));
  g_assert_true (X509_set_subject_name (cert, name));
  g_assert_true (X509_set_issuer_name (cert, issuer_name != NULL ? issuer_name : name));
  g_assert_true (X509_set_pubkey (cert, key));
  X509_NAME_free (name);
  return cert;
}

static void
add_ca_extensions (X509 *cert,
                   X509 *issuer)
{
  add_extension (cert, issuer, NID_basic_constraints, "critical,CA:TRUE,pathlen:1");
  add_extension (cert, issuer, NID_key_usage, "critical,keyCertSign,cRLSign");
  add_extension (cert, issuer, NID_subject_key_identifier, "hash");
  if (issuer != NULL)
    add_extension (cert, issuer, NID_authority_key_identifier, "keyid");
}

static GBytes *
finish_certificate (X509     *cert,
                    EVP_PKEY *issuer_key)
{
  BIO *bio = BIO_new (BIO_s_mem ());
  char *data = NULL;
  long length;
  GBytes *bytes;

  g_assert_cmpint (X509_sign (cert, issuer_key, EVP_sha256 ()), >, 0);
  g_assert_true (PEM_write_bio_X509 (bio, cert));
  length = BIO_get_mem_data (bio, &data);
  bytes = g_bytes_new (data, length);
  BIO_free (bio);
  X509_free (cert);
  return bytes;
}

/* The record's certificate, issued by the root, with the request's subject. */
static X509 *
new_intermediate (void)
{
  X509 *cert = new_certificate (SUBJECT_CN, X509_get_subject_name (fx.root),
                                cs_key_pair_get_pkey (fx.key), 365);
  X509_NAME *name = X509_get_subject_name (cert);

  g_assert_true (X509_NAME_add_entry_by_txt (name, "O", MBSTRING_UTF8,
                                             (const unsigned char *) "Test Org", -1, -1, 0));
  g_assert_true (X509_NAME_add_entry_by_txt (name, "C", MBSTRING_UTF8,
                                             (const unsigned char *) "DE", -1, -1, 0));
  add_ca_extensions (cert, fx.root);
  return cert;
}

/* The record's certificate with 5,000 extra extensions (unknown OIDs, empty,
 * not critical): 9 bytes of DER each, so that the PEM stays under 64 KiB
 * and the file is read and parsed whole. */
static GBytes *
make_5000_extensions (void)
{
  X509 *cert = new_intermediate ();
  ASN1_OCTET_STRING *empty = ASN1_OCTET_STRING_new ();

  for (guint i = 0; i < 5000; i++)
    {
      g_autofree char *oid = g_strdup_printf ("1.2.%u", 128 + i);
      ASN1_OBJECT *object = OBJ_txt2obj (oid, 1);
      X509_EXTENSION *ext = X509_EXTENSION_create_by_OBJ (NULL, object, 0, empty);

      g_assert_nonnull (ext);
      g_assert_true (X509_add_ext (cert, ext, -1));
      X509_EXTENSION_free (ext);
      ASN1_OBJECT_free (object);
    }
  ASN1_OCTET_STRING_free (empty);
  g_assert_cmpint (X509_get_ext_count (cert), ==, 5004);
  return finish_certificate (cert, fx.root_key);
}

/* The record's certificate with a 1 MB organizational unit in its subject:
 * a raw UTF8String, past the upper bound that OpenSSL's string functions
 * would enforce. */
static GBytes *
make_1mb_subject (void)
{
  X509 *cert = new_intermediate ();
  g_autofree guchar *value = g_malloc (MiB);
  X509_NAME_ENTRY *entry;

  memset (value, 'A', MiB);
  entry = X509_NAME_ENTRY_create_by_NID (NULL, NID_organizationalUnitName, V_ASN1_UTF8STRING,
                                         value, MiB);
  g_assert_nonnull (entry);
  g_assert_true (X509_NAME_add_entry (X509_get_subject_name (cert), entry, -1, 0));
  X509_NAME_ENTRY_free (entry);
  return finish_certificate (cert, fx.root_key);
}

/* @n self-signed CAs, each with its own name, concatenated. */
static GBytes *
make_self_signed_chain (guint n)
{
  g_autoptr(GByteArray) chain = g_byte_array_new ();
  EVP_PKEY *key = EVP_PKEY_Q_keygen (NULL, NULL, "EC", "P-256");

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *cn = g_strdup_printf ("Chain %u", i + 1);
      X509 *cert = new_certificate (cn, NULL, key, 365);
      g_autoptr(GBytes) pem = NULL;

      add_ca_extensions (cert, NULL);
      pem = finish_certificate (cert, key);
      g_byte_array_append (chain, g_bytes_get_data (pem, NULL), g_bytes_get_size (pem));
    }
  EVP_PKEY_free (key);
  return g_byte_array_free_to_bytes (g_steal_pointer (&chain));
}

/* A loop: "Loop A" is issued by "Loop B", "Loop B" by "Loop A", and the
 * record's certificate by "Loop A". Sets @certificate and @chain (A, B). */
static void
make_loop (GBytes **certificate,
           GBytes **chain)
{
  EVP_PKEY *key_a = EVP_PKEY_Q_keygen (NULL, NULL, "EC", "P-256");
  EVP_PKEY *key_b = EVP_PKEY_Q_keygen (NULL, NULL, "EC", "P-256");
  X509_NAME *name_a = X509_NAME_new ();
  X509_NAME *name_b = X509_NAME_new ();
  X509 *a, *b, *cert;
  g_autoptr(GBytes) pem_a = NULL;
  g_autoptr(GBytes) pem_b = NULL;
  g_autoptr(GByteArray) both = g_byte_array_new ();

  X509_NAME_add_entry_by_txt (name_a, "CN", MBSTRING_UTF8, (const unsigned char *) "Loop A", -1, -1, 0);
  X509_NAME_add_entry_by_txt (name_b, "CN", MBSTRING_UTF8, (const unsigned char *) "Loop B", -1, -1, 0);
  a = new_certificate ("Loop A", name_b, key_a, 365);
  b = new_certificate ("Loop B", name_a, key_b, 365);
  add_ca_extensions (a, NULL);
  add_ca_extensions (b, NULL);
  /* Expiring before its issuers, or the validity row would warn. */
  cert = new_certificate (SUBJECT_CN, name_a, cs_key_pair_get_pkey (fx.key), 300);
  X509_NAME_add_entry_by_txt (X509_get_subject_name (cert), "O", MBSTRING_UTF8,
                              (const unsigned char *) "Test Org", -1, -1, 0);
  X509_NAME_add_entry_by_txt (X509_get_subject_name (cert), "C", MBSTRING_UTF8,
                              (const unsigned char *) "DE", -1, -1, 0);
  add_ca_extensions (cert, NULL);

  *certificate = finish_certificate (cert, key_a);
  pem_a = finish_certificate (a, key_b);
  pem_b = finish_certificate (b, key_a);
  g_byte_array_append (both, g_bytes_get_data (pem_a, NULL), g_bytes_get_size (pem_a));
  g_byte_array_append (both, g_bytes_get_data (pem_b, NULL), g_bytes_get_size (pem_b));
  *chain = g_byte_array_free_to_bytes (g_steal_pointer (&both));

  X509_NAME_free (name_a);
  X509_NAME_free (name_b);
  EVP_PKEY_free (key_a);
  EVP_PKEY_free (key_b);
}

/* Byte helpers */

static GBytes *
repeat (GBytes *unit,
        guint   times)
{
  gsize size = g_bytes_get_size (unit);
  g_autoptr(GByteArray) all = g_byte_array_sized_new (size * times);

  for (guint i = 0; i < times; i++)
    g_byte_array_append (all, g_bytes_get_data (unit, NULL), size);
  return g_byte_array_free_to_bytes (g_steal_pointer (&all));
}

/* A PEM certificate block whose one base64 line is @length bytes long. */
static GBytes *
make_long_pem_line (gsize length)
{
  static const char head[] = "-----BEGIN CERTIFICATE-----\n";
  static const char tail[] = "\n-----END CERTIFICATE-----\n";
  GString *pem = g_string_sized_new (length + sizeof head + sizeof tail);

  g_string_append (pem, head);
  for (gsize i = 0; i < length; i++)
    g_string_append_c (pem, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"[i % 64]);
  g_string_append (pem, tail);
  return g_string_free_to_bytes (pem);
}

static GBytes *
bytes_of (const char *text)
{
  return g_bytes_new (text, strlen (text));
}

/* Reports */

static CsInspectionReport *
inspect (GBytes *certificate,
         GBytes *chain)
{
  CsInspectionReport *report;

  ensure_fixtures ();
  report = cs_inspect (fx.key, fx.csr, 1, certificate, chain, fx.now);
  g_assert_nonnull (report);
  return report;
}

static int
row_index (const char *id)
{
  for (guint i = 0; i < G_N_ELEMENTS (row_ids); i++)
    if (g_str_equal (row_ids[i], id))
      return i;
  g_assert_not_reached ();
}

static char *
levels_to_string (const CsCheckLevel *levels)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (row_ids); i++)
    g_string_append_printf (text, "%s=%s ", row_ids[i], cs_check_level_get_nick (levels[i]));
  return g_string_free (text, FALSE);
}

/* Asserts the level of every row: @first_level for every row not named,
 * and the (id, level) pairs that follow, up to NULL. */
static void
assert_levels (CsInspectionReport *report,
               CsCheckLevel        first_level,
               ...)
{
  CsCheckLevel expected[G_N_ELEMENTS (row_ids)];
  CsCheckLevel actual[G_N_ELEMENTS (row_ids)];
  CsCheckLevel worst = CS_CHECK_PASS;
  g_autofree char *expected_text = NULL;
  g_autofree char *actual_text = NULL;
  const char *id;
  va_list args;

  for (guint i = 0; i < G_N_ELEMENTS (row_ids); i++)
    expected[i] = first_level;
  va_start (args, first_level);
  while ((id = va_arg (args, const char *)) != NULL)
    expected[row_index (id)] = (CsCheckLevel) va_arg (args, int);
  va_end (args);

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (report)), ==, G_N_ELEMENTS (row_ids));
  for (guint i = 0; i < G_N_ELEMENTS (row_ids); i++)
    {
      g_autoptr(CsCheck) check = g_list_model_get_item (G_LIST_MODEL (report), i);

      g_assert_cmpstr (cs_check_get_id (check), ==, row_ids[i]);
      actual[i] = cs_check_get_level (check);
      worst = MAX (worst, expected[i]);
    }
  expected_text = levels_to_string (expected);
  actual_text = levels_to_string (actual);
  if (!g_str_equal (expected_text, actual_text))
    {
      g_autofree char *text = cs_inspection_report_to_text (report);

      g_printerr ("%s", text);
    }
  g_assert_cmpstr (actual_text, ==, expected_text);
  g_assert_cmpint (cs_inspection_report_get_level (report), ==, worst);
  g_assert_cmpint (cs_inspection_report_get_accepted (report), ==, worst != CS_CHECK_FAIL);
}

static void
assert_message (CsInspectionReport *report,
                const char         *id,
                const char         *part)
{
  const char *message = cs_check_get_message (cs_inspection_report_lookup (report, id));

  g_assert_true (g_utf8_validate (message, -1, NULL));
  if (strstr (message, part) == NULL)
    g_error ("the %s message “%s” does not contain “%s”", id, message, part);
}

/* The certificate slot held no single certificate: the file row fails with
 * @part in its message, every other row fails as not checked, and nothing
 * is there to store. */
static void
assert_unreadable (GBytes     *certificate,
                   const char *part)
{
  g_autoptr(GBytes) chain = cs_test_pki_read_bytes ("hroot.pem");
  g_autoptr(CsInspectionReport) report = inspect (certificate, chain);
  g_autofree char *text = cs_inspection_report_to_text (report);

  assert_levels (report, FAIL, NULL);
  assert_message (report, CS_CHECK_ID_FILE, part);
  g_assert_true (cs_check_get_checked (cs_inspection_report_lookup (report, CS_CHECK_ID_FILE)));
  for (guint i = 1; i < G_N_ELEMENTS (row_ids); i++)
    g_assert_false (cs_check_get_checked (cs_inspection_report_lookup (report, row_ids[i])));
  g_assert_null (cs_inspection_report_get_certificate_pem (report));
  g_assert_null (cs_inspection_report_get_chain_pem (report));
  g_assert_true (g_utf8_validate (text, -1, NULL));
  g_assert_null (strstr (text, "PRIVATE KEY"));
}

/* The chain slot held something unusable next to the good certificate. */
static void
assert_chain_refused (GBytes     *chain,
                      const char *part)
{
  g_autoptr(GBytes) certificate = NULL;
  g_autoptr(CsInspectionReport) report = NULL;

  ensure_fixtures ();
  certificate = cs_test_pki_read_bytes ("good.pem");
  report = inspect (certificate, chain);
  assert_levels (report, PASS, CS_CHECK_ID_CHAIN, FAIL, CS_CHECK_ID_DRY_RUN, FAIL, NULL);
  assert_message (report, CS_CHECK_ID_CHAIN, part);
  g_assert_null (cs_inspection_report_get_chain_pem (report));
}

/* cs_inspection_load_file() */

static GBytes *
load (const char  *name,
      GError     **error)
{
  g_autofree char *path = cs_test_pki_path (name);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  return cs_inspection_load_file (file, NULL, error);
}

/* What the process has read so far, in bytes (Linux's /proc/self/io). */
static guint64
bytes_read (void)
{
  g_autofree char *io = NULL;
  const char *rchar;

  g_assert_true (g_file_get_contents ("/proc/self/io", &io, NULL, NULL));
  rchar = strstr (io, "rchar: ");
  g_assert_nonnull (rchar);
  return g_ascii_strtoull (rchar + strlen ("rchar: "), NULL, 10);
}

static void
assert_load_error (const char *name,
                   GQuark      domain,
                   int         code,
                   const char *part)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = load (name, &error);

  g_assert_null (bytes);
  g_assert_error (error, domain, code);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
  if (strstr (error->message, part) == NULL)
    g_error ("the error “%s” does not contain “%s”", error->message, part);
}

static GBytes *
load_ok (const char *name)
{
  g_autoptr(GError) error = NULL;
  GBytes *bytes = load (name, &error);

  g_assert_no_error (error);
  g_assert_nonnull (bytes);
  return bytes;
}

static void
write_bytes (const char *name,
             GBytes     *bytes)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = cs_test_pki_path (name);

  g_file_set_contents (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error);
  g_assert_no_error (error);
}

/* The cases */

static void
test_empty (void)
{
  g_autoptr(GBytes) empty = g_bytes_new (NULL, 0);

  ensure_fixtures ();
  cs_test_sh (": > empty");
  assert_load_error ("empty", CS_ERROR, CS_ERROR_INVALID_CERTIFICATE, "is empty");
  assert_unreadable (empty, "The file is empty.");
  assert_chain_refused (empty, "The chain file is empty.");
}

static void
test_over_64k (void)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GBytes) limit = NULL;

  ensure_fixtures ();
  cs_test_sh ("head -c 65537 /dev/urandom > over && head -c 65536 /dev/urandom > limit");
  assert_load_error ("over", CS_ERROR, CS_ERROR_TOO_LARGE, "larger than 64 KiB");
  /* The limit itself is read. */
  limit = load_ok ("limit");
  g_assert_cmpuint (g_bytes_get_size (limit), ==, 65536);

  bytes = cs_test_pki_read_bytes ("over");
  assert_unreadable (bytes, "larger than 64 KiB");
  assert_chain_refused (bytes, "larger than 64 KiB");
}

/* 100 MiB, sparse: refused by its size, without reading it. */
static void
test_100mib (void)
{
  guint64 before;

  ensure_fixtures ();
  cs_test_sh ("truncate -s 100M sparse");
  before = bytes_read ();
  assert_load_error ("sparse", CS_ERROR, CS_ERROR_TOO_LARGE, "larger than 64 KiB");
  /* Not a byte of the file: what was read is /proc/self/io itself. */
  g_assert_cmpuint (bytes_read () - before, <, 4096);
}

static void
test_garbage (void)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GBytes) loaded = NULL;
  guint8 garbage[4096];

  ensure_fixtures ();
  for (guint i = 0; i < sizeof garbage; i++)
    garbage[i] = (guint8) g_random_int_range (0, 256);
  garbage[0] = 0xff;  /* no DER SEQUENCE, no PEM */
  bytes = g_bytes_new (garbage, sizeof garbage);
  write_bytes ("garbage", bytes);
  loaded = load_ok ("garbage");
  g_assert_true (g_bytes_equal (loaded, bytes));
  assert_unreadable (bytes, "neither a PEM nor a DER certificate");
  assert_chain_refused (bytes, "holds no PEM certificates");
}

/* DER that parses as ASN.1 but is no certificate: SEQUENCE { INTEGER 1 }. */
static void
test_der_no_certificate (void)
{
  static const guint8 der[] = { 0x30, 0x03, 0x02, 0x01, 0x01 };
  g_autoptr(GBytes) bytes = g_bytes_new_static (der, sizeof der);

  assert_unreadable (bytes, "neither a PEM nor a DER certificate");
  assert_chain_refused (bytes, "holds no PEM certificates");
}

static void
test_bad_base64 (void)
{
  g_autofree char *pem = NULL;
  g_autoptr(GBytes) bytes = NULL;
  char *body;

  ensure_fixtures ();
  pem = cs_test_pki_read ("good.pem");
  body = strchr (pem, '\n') + 1;
  body[10] = '!';
  body[11] = '*';
  bytes = bytes_of (pem);
  assert_unreadable (bytes, "damaged");
  assert_chain_refused (bytes, "damaged");
}

static void
test_truncated (void)
{
  g_autofree char *pem = NULL;
  g_autoptr(GBytes) bytes = NULL;

  ensure_fixtures ();
  pem = cs_test_pki_read ("good.pem");
  pem[strlen (pem) / 2] = '\0';
  bytes = bytes_of (pem);
  assert_unreadable (bytes, "damaged");
  assert_chain_refused (bytes, "damaged");
}

static void
test_two_certificates (void)
{
  g_autofree char *both = NULL;
  g_autoptr(GBytes) bytes = NULL;

  ensure_fixtures ();
  both = cs_test_pki_cat ("good.pem", "hroot.pem", NULL);
  bytes = bytes_of (both);
  assert_unreadable (bytes, "The file holds 2 certificates, but must hold exactly one.");
}

static void
test_private_key (void)
{
  g_autoptr(GBytes) bytes = NULL;

  ensure_fixtures ();
  bytes = cs_test_pki_read_bytes ("int.key");
  assert_unreadable (bytes, "This is a private key, not a certificate. Keep it secret; nothing was stored.");
  assert_chain_refused (bytes, "The chain file holds a private key.");
}

static void
test_csr (void)
{
  g_autoptr(GBytes) pem = NULL;
  g_autoptr(GBytes) der = NULL;

  ensure_fixtures ();
  pem = cs_test_pki_read_bytes ("int.csr");
  der = cs_test_pki_read_bytes ("int-csr.der");
  assert_unreadable (pem, "This is a certificate request (CSR), not a certificate.");
  assert_unreadable (der, "This is a certificate request (CSR), not a certificate.");
  assert_chain_refused (pem, "The chain file holds a certificate request (CSR).");
}

static void
test_crl (void)
{
  g_autoptr(GBytes) bytes = NULL;

  ensure_fixtures ();
  bytes = cs_test_pki_read_bytes ("hroot.crl");
  assert_unreadable (bytes, "This is a certificate revocation list (CRL), not a certificate.");
  assert_chain_refused (bytes, "The chain file holds a certificate revocation list (CRL).");
}

static void
test_pkcs7 (void)
{
  g_autoptr(GBytes) bytes = NULL;

  ensure_fixtures ();
  bytes = cs_test_pki_read_bytes ("bundle.p7b");
  assert_unreadable (bytes, "This is a PKCS#7 bundle (.p7b), not a single certificate.");
  assert_chain_refused (bytes, "The chain file is a PKCS#7 bundle (.p7b), not a PEM bundle.");
}

/* A PEM line of 10 MB: refused by the size, through the file and directly;
 * the request parser refuses it by its size too. */
static void
test_10mb_line (void)
{
  g_autoptr(GBytes) bytes = make_long_pem_line (10 * MiB);
  g_autoptr(GError) error = NULL;
  g_autoptr(CsCsrInfo) info = NULL;

  ensure_fixtures ();
  write_bytes ("long-line.pem", bytes);
  assert_load_error ("long-line.pem", CS_ERROR, CS_ERROR_TOO_LARGE, "larger than 64 KiB");
  assert_unreadable (bytes, "larger than 64 KiB");
  assert_chain_refused (bytes, "larger than 64 KiB");
  info = cs_csr_info_new_from_pem (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error);
  g_assert_null (info);
  g_assert_error (error, CS_ERROR, CS_ERROR_TOO_LARGE);
}

/* A base64 line of 60,000 bytes, under the limit: OpenSSL's PEM reader
 * reads it line by line; the certificate it decodes to is damaged. */
static void
test_60k_line (void)
{
  g_autoptr(GBytes) bytes = make_long_pem_line (60000);

  ensure_fixtures ();
  g_assert_cmpuint (g_bytes_get_size (bytes), <=, CS_INSPECTION_MAX_FILE_SIZE);
  assert_unreadable (bytes, "damaged");
}

/* 5,000 extensions that nobody knows, none critical, on an otherwise good
 * certificate: read whole (the file is under 64 KiB) and accepted as the
 * good certificate it is. */
static void
test_5000_extensions (void)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GBytes) loaded = NULL;
  g_autoptr(GBytes) chain = NULL;
  g_autoptr(CsInspectionReport) report = NULL;
  g_autofree char *pem = NULL;

  ensure_fixtures ();
  bytes = make_5000_extensions ();
  g_assert_cmpuint (g_bytes_get_size (bytes), <=, CS_INSPECTION_MAX_FILE_SIZE);
  write_bytes ("5000.pem", bytes);
  loaded = load_ok ("5000.pem");
  chain = cs_test_pki_read_bytes ("hroot.pem");
  report = inspect (loaded, chain);
  assert_levels (report, PASS, NULL);
  g_assert_cmpstr (cs_inspection_report_get_common_name (report), ==, SUBJECT_CN);
  pem = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  g_assert_cmpstr (cs_inspection_report_get_certificate_pem (report), ==, pem);
}

/* A 1 MB subject: the file is refused by its size, and so are the bytes
 * given directly, in either slot; a request of that size too. */
static void
test_1mb_subject (void)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CsCsrInfo) info = NULL;

  ensure_fixtures ();
  bytes = make_1mb_subject ();
  g_assert_cmpuint (g_bytes_get_size (bytes), >, MiB);
  write_bytes ("1mb.pem", bytes);
  assert_load_error ("1mb.pem", CS_ERROR, CS_ERROR_TOO_LARGE, "larger than 64 KiB");
  assert_unreadable (bytes, "larger than 64 KiB");
  assert_chain_refused (bytes, "larger than 64 KiB");
  info = cs_csr_info_new_from_pem (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error);
  g_assert_null (info);
  g_assert_error (error, CS_ERROR, CS_ERROR_TOO_LARGE);
}

static void
test_chain_17 (void)
{
  g_autoptr(GBytes) chain = NULL;

  ensure_fixtures ();
  chain = make_self_signed_chain (17);
  g_assert_cmpuint (g_bytes_get_size (chain), <=, CS_INSPECTION_MAX_FILE_SIZE);
  assert_chain_refused (chain, "The chain has 17 certificates, over the limit of 16.");
  /* In the certificate slot: 17 certificates, not one. */
  assert_unreadable (chain, "The file holds 17 certificates");
}

/* 10,000 certificates, only possible by a direct call: counted, not parsed. */
static void
test_chain_10000 (void)
{
  g_autoptr(GBytes) root = NULL;
  g_autoptr(GBytes) chain = NULL;

  ensure_fixtures ();
  root = cs_test_pki_read_bytes ("hroot.pem");
  chain = repeat (root, 10000);
  assert_chain_refused (chain, "The chain has 10000 certificates, over the limit of 16.");
  assert_unreadable (chain, "larger than 64 KiB");
}

static void
test_chain_loop (void)
{
  g_autoptr(GBytes) certificate = NULL;
  g_autoptr(GBytes) chain = NULL;
  g_autoptr(CsInspectionReport) report = NULL;

  ensure_fixtures ();
  make_loop (&certificate, &chain);
  report = inspect (certificate, chain);
  assert_levels (report, PASS, CS_CHECK_ID_CHAIN, FAIL, CS_CHECK_ID_DRY_RUN, WARN, NULL);
  assert_message (report, CS_CHECK_ID_CHAIN, "The chain goes round in a circle");
  /* A loop has no root to anchor the dry run. */
  assert_message (report, CS_CHECK_ID_DRY_RUN, "could not be run");
  g_assert_null (cs_inspection_report_get_root_pem (report));
}

/* A file name that is not UTF-8 (Latin-1 "zertifikat-ü.pem"): read like any
 * other; the errors about such names are valid UTF-8. */
static void
test_non_utf8_name (void)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GBytes) expected = NULL;

  ensure_fixtures ();
  cs_test_sh ("cp good.pem \"$(printf 'zertifikat-\\374.pem')\" && "
              "mkdir \"$(printf 'ordner-\\374')\" && : > \"$(printf 'leer-\\374')\"");
  bytes = load_ok ("zertifikat-\374.pem");
  expected = cs_test_pki_read_bytes ("good.pem");
  g_assert_true (g_bytes_equal (bytes, expected));
  assert_load_error ("ordner-\374", G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY, "ordner-");
  assert_load_error ("leer-\374", CS_ERROR, CS_ERROR_INVALID_CERTIFICATE, "leer-");
  assert_load_error ("fehlt-\374", G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "fehlt-");
}

/* A FIFO is refused without waiting for a writer (the test would hang). */
static void
test_fifo (void)
{
  cs_test_sh ("mkfifo fifo");
  assert_load_error ("fifo", G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE, "not a regular file");
}

static void
test_directory (void)
{
  cs_test_sh ("mkdir -p folder.pem");
  assert_load_error ("folder.pem", G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY, "is a folder");
}

/* Formats a load error as "DOMAIN CODE MESSAGE". */
static char *
error_line (const GError *error)
{
  return g_strdup_printf ("%s %d %s", g_quark_to_string (error->domain), error->code,
                          error->message);
}

/* test_unreadable()'s subprocess, as root: it hands its own temporary
 * folder to nobody (so that it can still remove it at exit), becomes nobody,
 * reads the readable file beside the unreadable one, then tries that one,
 * and prints the error. */
static void
unreadable_subprocess (void)
{
  g_autoptr(GFile) control = g_file_new_for_path (g_getenv ("CS_TEST_READABLE"));
  g_autoptr(GFile) file = g_file_new_for_path (g_getenv ("CS_TEST_UNREADABLE"));
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;

  cs_test_sh ("chown -R 65534:65534 '%s'", cs_test_get_tmp_dir ());
  g_assert_no_errno (setgroups (0, NULL));
  g_assert_no_errno (setresgid (65534, 65534, 65534));
  g_assert_no_errno (setresuid (65534, 65534, 65534));

  bytes = cs_inspection_load_file (control, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (bytes);
  g_clear_pointer (&bytes, g_bytes_unref);

  bytes = cs_inspection_load_file (file, NULL, &error);
  g_assert_null (bytes);
  line = error_line (error);
  /* Not g_print(): it would convert the quotes to the locale's charset. */
  fprintf (stdout, "RESULT: %s\n", line);
  fflush (stdout);
}

/* A file its reader may not read. Root reads every file, so as root (as in
 * CI) the reading runs in a subprocess that drops to nobody, after the
 * folder of the file is made passable for it; that it can read a readable
 * file beside it shows the refusal is the file's own mode. (A subprocess
 * rather than a fork, so that valgrind does not check a forked copy of a
 * process with threads.) */
static void
test_unreadable (void)
{
  g_autofree char *path = NULL;
  g_autofree char *control = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *pattern = NULL;

  if (g_test_subprocess ())
    {
      unreadable_subprocess ();
      return;
    }

  ensure_fixtures ();
  path = cs_test_pki_path ("unreadable.pem");
  control = cs_test_pki_path ("readable.pem");
  cs_test_sh ("cp good.pem unreadable.pem && chmod 000 unreadable.pem && "
              "cp good.pem readable.pem && chmod 644 readable.pem");
  expected = g_strdup_printf ("%s %d Could not read “%s”: %s", g_quark_to_string (G_IO_ERROR),
                              G_IO_ERROR_PERMISSION_DENIED, path, g_strerror (EACCES));
  if (geteuid () != 0)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) bytes = load ("unreadable.pem", &error);
      g_autofree char *line = NULL;

      g_assert_null (bytes);
      line = error_line (error);
      g_assert_cmpstr (line, ==, expected);
      return;
    }

  g_setenv ("CS_TEST_READABLE", control, TRUE);
  g_setenv ("CS_TEST_UNREADABLE", path, TRUE);
  g_assert_no_errno (g_chmod (cs_test_get_tmp_dir (), 0711));
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_assert_no_errno (g_chmod (cs_test_get_tmp_dir (), 0700));
  g_test_trap_assert_passed ();
  pattern = g_strdup_printf ("*RESULT: %s\n*", expected);
  g_test_trap_assert_stdout (pattern);
}

/* The store: a refused upload changes nothing */

typedef struct
{
  char         *state;
  char         *certificate;
  char         *chain;
  char         *root;
  char         *csr;
  char         *fingerprint;
  char         *file_name;
  guint         n_events;
} Snapshot;

static void
snapshot_clear (Snapshot *snapshot)
{
  g_free (snapshot->state);
  g_free (snapshot->certificate);
  g_free (snapshot->chain);
  g_free (snapshot->root);
  g_free (snapshot->csr);
  g_free (snapshot->fingerprint);
  g_free (snapshot->file_name);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Snapshot, snapshot_clear)

/* What the store holds of @record, read back from the database. */
static void
take_snapshot (CsStore  *store,
               CsRecord *record,
               Snapshot *snapshot)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CsRecordDetails) details = NULL;
  g_autoptr(GListModel) history = NULL;

  cs_store_refresh_sync (store, NULL, &error);
  g_assert_no_error (error);
  details = cs_store_load_details_sync (store, record, NULL, &error);
  g_assert_no_error (error);
  history = cs_store_load_history_sync (store, NULL, &error);
  g_assert_no_error (error);

  snapshot->state = g_strdup (cs_record_get_state_label (record));
  snapshot->certificate = g_strdup (cs_record_details_get_certificate_pem (details));
  snapshot->chain = g_strdup (cs_record_details_get_chain_pem (details));
  snapshot->root = g_strdup (cs_record_details_get_root_pem (details));
  snapshot->csr = g_strdup (cs_record_details_get_csr_pem (details));
  snapshot->fingerprint = g_strdup (cs_key_pair_get_fingerprint (cs_record_details_get_key_pair (details)));
  snapshot->file_name = g_strdup (cs_record_get_uploaded_cert_file_name (record));
  snapshot->n_events = g_list_model_get_n_items (history);
}

static void
assert_snapshot_equal (const Snapshot *a,
                       const Snapshot *b)
{
  g_assert_cmpstr (a->state, ==, b->state);
  g_assert_cmpstr (a->certificate, ==, b->certificate);
  g_assert_cmpstr (a->chain, ==, b->chain);
  g_assert_cmpstr (a->root, ==, b->root);
  g_assert_cmpstr (a->csr, ==, b->csr);
  g_assert_cmpstr (a->fingerprint, ==, b->fingerprint);
  g_assert_cmpstr (a->file_name, ==, b->file_name);
  g_assert_cmpuint (a->n_events, ==, b->n_events);
}

/* Every hostile certificate file, for the store. */
static GPtrArray *
hostile_inputs (void)
{
  GPtrArray *inputs = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  g_autofree char *two = cs_test_pki_cat ("good.pem", "hroot.pem", NULL);
  g_autofree char *truncated = cs_test_pki_read ("good.pem");
  static const guint8 der[] = { 0x30, 0x03, 0x02, 0x01, 0x01 };
  g_autoptr(GBytes) root = cs_test_pki_read_bytes ("hroot.pem");

  truncated[strlen (truncated) / 2] = '\0';
  g_ptr_array_add (inputs, g_bytes_new (NULL, 0));
  g_ptr_array_add (inputs, g_bytes_new_take (g_malloc0 (65537), 65537));
  g_ptr_array_add (inputs, g_bytes_new_static ("\xff garbage \x01\x02", 13));
  g_ptr_array_add (inputs, g_bytes_new_static (der, sizeof der));
  g_ptr_array_add (inputs, bytes_of (truncated));
  g_ptr_array_add (inputs, bytes_of (two));
  g_ptr_array_add (inputs, cs_test_pki_read_bytes ("int.key"));
  g_ptr_array_add (inputs, cs_test_pki_read_bytes ("int.csr"));
  g_ptr_array_add (inputs, cs_test_pki_read_bytes ("hroot.crl"));
  g_ptr_array_add (inputs, cs_test_pki_read_bytes ("bundle.p7b"));
  g_ptr_array_add (inputs, make_long_pem_line (10 * MiB));
  g_ptr_array_add (inputs, make_self_signed_chain (17));
  g_ptr_array_add (inputs, repeat (root, 10000));
  /* Issued to the test's own key, not the record's: refused as well. */
  g_ptr_array_add (inputs, make_5000_extensions ());
  g_ptr_array_add (inputs, make_1mb_subject ());
  return inputs;
}

static void
assert_upload_refused (CsStore  *store,
                       CsRecord *record,
                       GBytes   *bytes,
                       gboolean  chain)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CsInspectionReport) report = NULL;
  g_auto(Snapshot) before = { 0, };
  g_auto(Snapshot) after = { 0, };
  gboolean ok;

  take_snapshot (store, record, &before);
  if (chain)
    ok = cs_store_upload_chain_sync (store, record, bytes, "hostile.pem", &report, NULL, &error);
  else
    ok = cs_store_upload_certificate_sync (store, record, bytes, "hostile.pem", &report, NULL, &error);
  g_assert_false (ok);
  g_assert_error (error, CS_ERROR, CS_ERROR_INVALID_CERTIFICATE);
  g_assert_nonnull (report);
  g_assert_false (cs_inspection_report_get_accepted (report));
  take_snapshot (store, record, &after);
  assert_snapshot_equal (&before, &after);
}

static void
test_store_unchanged (void)
{
  g_autoptr(CsStore) store = NULL;
  g_autoptr(CsRecord) draft = NULL;
  g_autoptr(CsRecord) ready = NULL;
  g_autoptr(GPtrArray) inputs = NULL;

  ensure_fixtures ();
  inputs = hostile_inputs ();
  store = cs_test_store_open (NULL);
  draft = cs_test_store_add (store, "Draft");
  cs_test_store_add_csr (store, draft);
  ready = cs_test_store_add (store, "Ready");
  cs_test_store_make_ready (store, ready);

  for (guint i = 0; i < inputs->len; i++)
    {
      GBytes *bytes = g_ptr_array_index (inputs, i);

      g_test_message ("hostile input %u (%" G_GSIZE_FORMAT " bytes)", i, g_bytes_get_size (bytes));
      assert_upload_refused (store, draft, bytes, FALSE);
      assert_upload_refused (store, ready, bytes, FALSE);
      assert_upload_refused (store, ready, bytes, TRUE);
    }
  g_assert_cmpint (cs_record_get_current_state (draft), ==, CS_RECORD_STATE_CSRGEN_DONE);
  g_assert_cmpint (cs_record_get_current_state (ready), ==, CS_RECORD_STATE_CERT_READY);
}

/* Requests */

/* Hostile requests: what cs_csr_info_new_from_pem() says of each. */
static void
test_csr_parser (void)
{
  struct { const char *name; GBytes *bytes; int code; } cases[] = {
    { "empty", g_bytes_new (NULL, 0), CS_ERROR_INVALID_CSR },
    { "garbage", g_bytes_new_static ("\xff\x00\x01garbage", 10), CS_ERROR_INVALID_CSR },
    { "certificate", NULL, CS_ERROR_INVALID_CSR },
    { "der request", NULL, CS_ERROR_INVALID_CSR },
    { "truncated", NULL, CS_ERROR_INVALID_CSR },
    { "64 KiB + 1", g_bytes_new_take (g_malloc0 (65537), 65537), CS_ERROR_TOO_LARGE },
  };
  g_autofree char *truncated = NULL;

  ensure_fixtures ();
  cases[2].bytes = cs_test_pki_read_bytes ("good.pem");
  cases[3].bytes = cs_test_pki_read_bytes ("int-csr.der");
  truncated = g_strndup (fx.csr, strlen (fx.csr) / 2);
  cases[4].bytes = bytes_of (truncated);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CsCsrInfo) info = NULL;
      gsize size;
      const char *data = g_bytes_get_data (cases[i].bytes, &size);

      g_test_message ("%s", cases[i].name);
      info = cs_csr_info_new_from_pem (data != NULL ? data : "", size, &error);
      g_assert_null (info);
      g_assert_error (error, CS_ERROR, cases[i].code);
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
      g_bytes_unref (cases[i].bytes);
    }
}

int
main (int   argc,
      char *argv[])
{
  cs_test_init (&argc, &argv);

  g_test_add_func ("/hostile/empty", test_empty);
  g_test_add_func ("/hostile/64k-plus-1", test_over_64k);
  g_test_add_func ("/hostile/100mib-sparse", test_100mib);
  g_test_add_func ("/hostile/garbage", test_garbage);
  g_test_add_func ("/hostile/der-no-certificate", test_der_no_certificate);
  g_test_add_func ("/hostile/bad-base64", test_bad_base64);
  g_test_add_func ("/hostile/truncated-pem", test_truncated);
  g_test_add_func ("/hostile/two-certificates", test_two_certificates);
  g_test_add_func ("/hostile/private-key", test_private_key);
  g_test_add_func ("/hostile/csr", test_csr);
  g_test_add_func ("/hostile/crl", test_crl);
  g_test_add_func ("/hostile/pkcs7", test_pkcs7);
  g_test_add_func ("/hostile/pem-line-10mb", test_10mb_line);
  g_test_add_func ("/hostile/pem-line-60k", test_60k_line);
  g_test_add_func ("/hostile/5000-extensions", test_5000_extensions);
  g_test_add_func ("/hostile/1mb-subject", test_1mb_subject);
  g_test_add_func ("/hostile/chain-17", test_chain_17);
  g_test_add_func ("/hostile/chain-10000", test_chain_10000);
  g_test_add_func ("/hostile/chain-loop", test_chain_loop);
  g_test_add_func ("/hostile/non-utf8-name", test_non_utf8_name);
  g_test_add_func ("/hostile/fifo", test_fifo);
  g_test_add_func ("/hostile/directory", test_directory);
  g_test_add_func ("/hostile/unreadable", test_unreadable);
  g_test_add_func ("/hostile/csr-parser", test_csr_parser);
  g_test_add_func ("/hostile/store-unchanged", test_store_unchanged);

  return g_test_run ();
}
