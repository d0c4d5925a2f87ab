/* test-secrets.c — the private key appears nowhere but in the store and the bundle
 *
 * Copyright 2026 The Chainsmith authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Two full workflows, each ending in an activation:
 *
 *   - through chainsmith-cli ($CS_CLI) on the default store, every command
 *     run with G_MESSAGES_DEBUG=all;
 *   - through the store API in this process, with every log message caught
 *     by a structured log writer installed before anything logs.
 *
 * The key is then read back from the bundle's ca-key.pem and decoded by the
 * `openssl` command. No file under the test's folders (the data folder and
 * TMPDIR among them) but the database, its -wal and -shm files and the
 * bundle's ca-key.pem, no captured log message, no error message and no
 * output of any command holds it: not as a line of its PEM, not as base64 of
 * its PKCS#8 DER at any alignment, not as raw DER bytes, not as hex.
 */

#define _GNU_SOURCE   /* memmem */

#include "config.h"

#include <string.h>
#include <sys/stat.h>

#include <glib/gstdio.h>

#include "cs-store.h"
#include "cs-test-pki.h"
#include "cs-test-store.h"
#include "cs-test-util.h"

/* Everything logged in this process. */
static GMutex log_lock;
static GString *captured;
static guint n_captured;
/* When the test started, for the scan of /tmp. */
static gint64 test_start;

/* --- The log writer --------------------------------------------------------- */

static GLogWriterOutput
capture_writer_cb (GLogLevelFlags   level,
                   const GLogField *fields,
                   gsize            n_fields,
                   gpointer         user_data)
{
  g_mutex_lock (&log_lock);
  for (gsize i = 0; i < n_fields; i++)
    {
      g_string_append_printf (captured, "%s=", fields[i].key);
      if (fields[i].length < 0)
        g_string_append (captured, fields[i].value);
      else
        g_string_append_len (captured, fields[i].value, fields[i].length);
      g_string_append_c (captured, '\n');
    }
  n_captured++;
  g_mutex_unlock (&log_lock);

  /* Warnings and worse still show (and abort under fatal-warnings). */
  if ((level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING)) != 0)
    return g_log_writer_default (level, fields, n_fields, user_data);
  return G_LOG_WRITER_HANDLED;
}

/* --- What the key looks like ------------------------------------------------ */

/* The forms of the key to look for, each a GBytes. */
typedef struct
{
  GPtrArray *needles;
  GBytes    *public_data;   /* what is public: nothing found in it counts */
} Needles;

static void
needles_clear (Needles *n)
{
  g_clear_pointer (&n->needles, g_ptr_array_unref);
  g_clear_pointer (&n->public_data, g_bytes_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Needles, needles_clear)

static char *
to_hex (const guint8 *data,
        gsize         length,
        gboolean      upper)
{
  GString *hex = g_string_sized_new (length * 2);

  for (gsize i = 0; i < length; i++)
    g_string_append_printf (hex, upper ? "%02X" : "%02x", data[i]);
  return g_string_free (hex, FALSE);
}

/* The DER inside a PEM text. */
static GBytes *
pem_to_der (const char *pem)
{
  g_auto(GStrv) lines = g_strsplit (pem, "\n", -1);
  g_autoptr(GString) body = g_string_new (NULL);
  guchar *der;
  gsize length = 0;

  for (guint i = 0; lines[i] != NULL; i++)
    if (!g_str_has_prefix (lines[i], "-----"))
      g_string_append (body, lines[i]);
  der = g_base64_decode (body->str, &length);
  return g_bytes_new_take (der, length);
}

/* Public material (PEM texts): their text, DER and hex, where a window of
 * the key (an EC key's PKCS#8 holds its public point) may rightly appear. */
static GBytes *
make_public_data (const char * const *pems)
{
  GByteArray *all = g_byte_array_new ();

  for (guint i = 0; pems[i] != NULL; i++)
    {
      g_autoptr(GBytes) der = pem_to_der (pems[i]);
      gsize length = 0;
      const guint8 *data = g_bytes_get_data (der, &length);
      g_autofree char *lower = to_hex (data, length, FALSE);
      g_autofree char *upper = to_hex (data, length, TRUE);

      g_byte_array_append (all, (const guint8 *) pems[i], strlen (pems[i]));
      g_byte_array_append (all, data, length);
      g_byte_array_append (all, (const guint8 *) lower, strlen (lower));
      g_byte_array_append (all, (const guint8 *) upper, strlen (upper));
    }
  return g_byte_array_free_to_bytes (all);
}

static void
add_needle (Needles      *n,
            const void   *data,
            gsize         length)
{
  gsize public_length = 0;
  const void *public_data = g_bytes_get_data (n->public_data, &public_length);

  if (memmem (public_data, public_length, data, length) != NULL)
    return;
  g_ptr_array_add (n->needles, g_bytes_new (data, length));
}

/* The first bytes of a key's DER are its structure (version, algorithm,
 * lengths), the same in every key of its type and size: a window that lies
 * wholly in them says nothing about this key. */
#define HEADER_BYTES 40

/* Windows of @length bytes every @step bytes of @data, and its last one,
 * but those that end before @header. */
static void
add_windows (Needles      *n,
             const guint8 *data,
             gsize         size,
             gsize         length,
             gsize         step,
             gsize         header)
{
  for (gsize at = 0; at + length <= size; at += step)
    if (at + length > header)
      add_needle (n, data + at, length);
  if (size >= length)
    add_needle (n, data + size - length, length);
}

static void
add_pem_lines (Needles    *n,
               const char *pem)
{
  g_auto(GStrv) lines = g_strsplit (pem, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    if (!g_str_has_prefix (lines[i], "-----") && strlen (lines[i]) >= 16)
      add_needle (n, lines[i], strlen (lines[i]));
}

/* Base64 of the DER from each of the three byte offsets that give a
 * different encoding, as one run without line breaks. */
static void
add_base64 (Needles      *n,
            const guint8 *der,
            gsize         length)
{
  for (gsize shift = 0; shift < 3; shift++)
    {
      g_autofree char *b64 = g_base64_encode (der + shift, length - shift);

      add_windows (n, (const guint8 *) b64, strlen (b64), 40, 20, (HEADER_BYTES - shift) * 4 / 3);
    }
}

static void
add_hex (Needles      *n,
         const guint8 *der,
         gsize         length)
{
  g_autofree char *lower = to_hex (der, length, FALSE);
  g_autofree char *upper = to_hex (der, length, TRUE);

  add_windows (n, (const guint8 *) lower, strlen (lower), 48, 24, 2 * HEADER_BYTES);
  add_windows (n, (const guint8 *) upper, strlen (upper), 48, 24, 2 * HEADER_BYTES);
}

static void
add_der (Needles *n,
         GBytes  *der)
{
  gsize length = 0;
  const guint8 *data = g_bytes_get_data (der, &length);

  add_base64 (n, data, length);
  add_needle (n, data, length);
  add_windows (n, data, length, 24, 12, HEADER_BYTES);
  add_hex (n, data, length);
}

/* @ders: the encodings of the key, NULL-terminated. */
static void
needles_init (Needles            *n,
              const char         *key_pem,
              GBytes            **ders,
              const char * const *public_pems)
{
  n->needles = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  n->public_data = make_public_data (public_pems);
  add_pem_lines (n, key_pem);
  for (guint i = 0; ders[i] != NULL; i++)
    add_der (n, ders[i]);
  /* Most of each form is private: enough needles are left. */
  g_assert_cmpuint (n->needles->len, >=, 40);
}

/* The needle found in @data, or NULL. */
static GBytes *
find_key (const Needles *n,
          const void    *data,
          gsize          length)
{
  for (guint i = 0; i < n->needles->len; i++)
    {
      GBytes *needle = g_ptr_array_index (n->needles, i);

      if (memmem (data, length, g_bytes_get_data (needle, NULL), g_bytes_get_size (needle)))
        return needle;
    }
  return NULL;
}

static void
assert_no_key (const Needles *n,
               const void    *data,
               gsize          length,
               const char    *where)
{
  GBytes *found = find_key (n, data, length);

  if (found != NULL)
    g_error ("the private key is in %s (a needle of %" G_GSIZE_FORMAT " bytes)", where,
             g_bytes_get_size (found));
}

/* The needles find the key in each of its forms, where it is not public
 * anyway: the scans below can fail. */
static void
check_needles_find (const Needles *n,
                    const char    *key_pem,
                    GBytes        *der)
{
  gsize length = 0;
  const guint8 *data = g_bytes_get_data (der, &length);
  g_autofree char *b64 = g_base64_encode (data + 1, length - 1);
  g_autofree char *hex = to_hex (data, length, FALSE);
  g_autofree char *upper = to_hex (data, length, TRUE);
  g_autofree char *embedded = g_strdup_printf ("log: key=%s.", b64);
  g_autoptr(GByteArray) framed = g_byte_array_new ();

  g_byte_array_append (framed, (const guint8 *) "\x01\x02garbage", 9);
  g_byte_array_append (framed, data + 40, length - 80);

  g_assert_nonnull (find_key (n, key_pem, strlen (key_pem)));
  g_assert_nonnull (find_key (n, embedded, strlen (embedded)));
  g_assert_nonnull (find_key (n, data, length));
  g_assert_nonnull (find_key (n, framed->data, framed->len));
  g_assert_nonnull (find_key (n, hex, strlen (hex)));
  g_assert_nonnull (find_key (n, upper, strlen (upper)));
}

/* --- The key as the bundle holds it --------------------------------------- */

/* The DER that `openssl` makes of the key file: the PKCS#8 (@pkcs8) or the
 * algorithm's own structure (RSAPrivateKey, ECPrivateKey). */
static GBytes *
openssl_der_of (const char *key_path,
                gboolean    pkcs8)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GBytes) out = NULL;

  if (pkcs8)
    proc = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, "openssl", "pkcs8", "-topk8",
                             "-nocrypt", "-in", key_path, "-outform", "DER", NULL);
  else
    proc = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, "openssl", "pkey", "-in",
                             key_path, "-outform", "DER", NULL);
  g_assert_no_error (error);
  g_subprocess_communicate (proc, NULL, NULL, &out, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_successful (proc));
  g_assert_cmpuint (g_bytes_get_size (out), >, 100);
  return g_steal_pointer (&out);
}

typedef struct
{
  const char *public_key;
  const char *csr;
  const char *certificate;
  const char *chain;
} PublicPems;

/* The needles of the key in @bundle_dir/ca-key.pem. */
static void
needles_from_bundle (Needles          *n,
                     const char       *bundle_dir,
                     const PublicPems *pems)
{
  g_autofree char *key_path = g_build_filename (bundle_dir, "ca-key.pem", NULL);
  g_autofree char *key_pem = cs_test_pki_read (key_path);
  g_autoptr(GBytes) der = openssl_der_of (key_path, TRUE);
  g_autoptr(GBytes) traditional = openssl_der_of (key_path, FALSE);
  g_autoptr(GBytes) from_pem = pem_to_der (key_pem);
  const char *public_pems[] = { pems->public_key, pems->csr, pems->certificate, pems->chain, NULL };
  GBytes *ders[] = { der, traditional, NULL };

  g_assert_true (g_str_has_prefix (key_pem, "-----BEGIN PRIVATE KEY-----\n"));
  /* openssl writes the PKCS#8 DER that the PEM wraps. */
  g_assert_true (g_bytes_equal (der, from_pem));
  needles_init (n, key_pem, ders, public_pems);
  check_needles_find (n, key_pem, der);
  check_needles_find (n, key_pem, traditional);
}

/* --- Files ------------------------------------------------------------------- */

typedef struct
{
  const Needles *needles;
  GPtrArray     *allowed;    /* paths that may hold the key */
  guint          scanned;
  guint          allowed_seen;
} Scan;

static gboolean
is_allowed (Scan       *scan,
            const char *path)
{
  for (guint i = 0; i < scan->allowed->len; i++)
    if (g_str_equal (path, g_ptr_array_index (scan->allowed, i)))
      return TRUE;
  return FALSE;
}

static void
scan_file (Scan       *scan,
           const char *path)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &contents, &length, NULL))
    return;
  scan->scanned++;
  assert_no_key (scan->needles, contents, length, path);
}

static void
scan_tree (Scan       *scan,
           const char *dir,
           gboolean    recent_only)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      GStatBuf st;

      if (g_lstat (path, &st) != 0)
        continue;
      if (is_allowed (scan, path))
        scan->allowed_seen++;
      else if (S_ISDIR (st.st_mode))
        scan_tree (scan, path, recent_only);
      else if (S_ISREG (st.st_mode) && st.st_size < 8 * 1024 * 1024 &&
               (!recent_only || st.st_mtime >= test_start))
        scan_file (scan, path);
    }
}

/* Every file under the test's folder (XDG_DATA_HOME, XDG_CONFIG_HOME,
 * XDG_CACHE_HOME, TMPDIR and the working folder all lie there), and what
 * changed in /tmp since the test began, but the database and the key file of
 * the bundle. */
static void
scan_files (const Needles *needles,
            const char    *db,
            const char    *bundle_dir)
{
  Scan scan = { needles, g_ptr_array_new_with_free_func (g_free), 0, 0 };

  g_ptr_array_add (scan.allowed, g_strdup (db));
  g_ptr_array_add (scan.allowed, g_strconcat (db, "-wal", NULL));
  g_ptr_array_add (scan.allowed, g_strconcat (db, "-shm", NULL));
  g_ptr_array_add (scan.allowed, g_build_filename (bundle_dir, "ca-key.pem", NULL));

  scan_tree (&scan, cs_test_get_tmp_dir (), FALSE);
  /* The CLI's TMPDIR and data folder are among them. */
  g_assert_true (g_str_has_prefix (g_getenv ("TMPDIR"), cs_test_get_tmp_dir ()));
  g_assert_true (g_str_has_prefix (g_get_user_data_dir (), cs_test_get_tmp_dir ()));
  /* The database and the key file were there, and skipped. */
  g_assert_cmpuint (scan.allowed_seen, >=, 2);
  g_assert_cmpuint (scan.scanned, >=, 10);
  scan_tree (&scan, "/tmp", TRUE);
  g_test_message ("scanned %u files", scan.scanned);
  g_ptr_array_unref (scan.allowed);
}

/* --- Through chainsmith-cli --------------------------------------------------- */

static GString *transcript;

static int
run_cli (char              **out,
         const char * const *args)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *o = NULL;
  g_autofree char *e = NULL;

  g_ptr_array_add (argv, (char *) g_getenv ("CS_CLI"));
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_set_cwd (launcher, cs_test_get_tmp_dir ());
  g_subprocess_launcher_setenv (launcher, "G_MESSAGES_DEBUG", "all", TRUE);
  proc = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (proc, NULL, NULL, &o, &e, &error);
  g_assert_no_error (error);
  g_string_append_printf (transcript, "%s\n%s\n", o, e);
  if (out != NULL)
    *out = g_steal_pointer (&o);
  return g_subprocess_get_exit_status (proc);
}

#define CLI_OK(...) G_STMT_START {                                  \
    const char * const args_[] = { __VA_ARGS__, NULL };             \
    g_assert_cmpint (run_cli (NULL, args_), ==, 0);                 \
  } G_STMT_END

#define CLI_FAILS(...) G_STMT_START {                               \
    const char * const args_[] = { __VA_ARGS__, NULL };             \
    g_assert_cmpint (run_cli (NULL, args_), ==, 1);                 \
  } G_STMT_END

static char *
cli_out (const char * const *args)
{
  char *out = NULL;

  g_assert_cmpint (run_cli (&out, args), ==, 0);
  return out;
}

static void
cli_workflow (void)
{
  g_autofree char *chain = NULL;

  cs_test_store_make_pki ();
  chain = cs_test_pki_cat ("issuing.pem", "root.pem", NULL);
  cs_test_pki_write ("chain.pem", chain);

  CLI_OK ("add", "Alpha", "--description", "the proxy of the head office");
  CLI_OK ("keygen", "Alpha");
  CLI_OK ("csr", "Alpha", "--cn", "Alpha CA", "--org", "Example Org", "--country", "DE",
          "--pathlen", "0", "--out", "alpha.csr");
  cs_test_pki_sign ("issuing", "alpha.csr", CS_TEST_PKI_CA_LINES (0), NULL, "alpha.pem");
  CLI_OK ("upload", "Alpha", "alpha.pem");
  CLI_OK ("upload-chain", "Alpha", "chain.pem");
  CLI_OK ("finalize", "Alpha");
  CLI_OK ("make-default", "Alpha");
  CLI_OK ("activate");
}

/* Every command that prints something about the record, and refusals. */
static void
cli_outputs (void)
{
  cs_test_pki_make_key ("other.key", "rsa:2048");
  cs_test_pki_make_csr ("other.key", "/CN=Alpha CA/O=Example Org/C=DE", "other.csr");
  cs_test_pki_sign ("issuing", "other.csr", CS_TEST_PKI_CA_LINES (0), NULL, "other.pem");

  CLI_OK ("list");
  CLI_OK ("list", "--json");
  CLI_OK ("show", "Alpha");
  CLI_OK ("show", "1");
  CLI_OK ("history");
  CLI_OK ("history", "--json");
  CLI_OK ("public-key", "Alpha");
  CLI_OK ("export", "Alpha", "--what", "certificate");
  CLI_OK ("export", "Alpha", "--what", "chain", "--with-root");
  CLI_OK ("export", "Alpha", "--what", "csr");
  CLI_OK ("export", "Alpha", "--what", "public-key");
  CLI_FAILS ("upload", "Alpha", "other.pem");
  CLI_FAILS ("keygen", "Alpha", "--discard");
  CLI_FAILS ("delete", "Alpha");
  CLI_FAILS ("disable", "Alpha");
  CLI_OK ("activate");
}

static void
test_cli (void)
{
  g_autofree char *db = cs_store_dup_default_path ();
  g_autofree char *bundle = cs_store_dup_default_deploy_dir ();
  const char * const public_key_args[] = { "public-key", "Alpha", NULL };
  const char * const csr_args[] = { "export", "Alpha", "--what", "csr", NULL };
  const char * const chain_args[] = { "export", "Alpha", "--what", "chain", "--with-root", NULL };
  g_autofree char *public_key = NULL;
  g_autofree char *csr = NULL;
  g_autofree char *chain = NULL;
  g_autofree char *certificate = NULL;
  g_auto(Needles) needles = { NULL, NULL };
  PublicPems pems;

  transcript = g_string_new (NULL);
  cli_workflow ();
  cli_outputs ();

  public_key = cli_out (public_key_args);
  csr = cli_out (csr_args);
  chain = cli_out (chain_args);
  certificate = cs_test_pki_read ("alpha.pem");
  pems = (PublicPems) { public_key, csr, certificate, chain };
  needles_from_bundle (&needles, bundle, &pems);

  /* The transcript holds what the commands printed, debug messages too. */
  g_assert_nonnull (strstr (transcript->str, "Alpha CA"));
  g_assert_nonnull (strstr (transcript->str, "-DEBUG: "));
  assert_no_key (&needles, transcript->str, transcript->len, "the output of chainsmith-cli");
  g_assert_null (strstr (transcript->str, "PRIVATE KEY"));
  scan_files (&needles, db, bundle);
  g_string_free (transcript, TRUE);
}

/* --- Through the store API ------------------------------------------------------ */

static void
store_step_failed (GString *errors,
                   GError  *error)
{
  g_assert_nonnull (error);
  g_string_append_printf (errors, "%s\n", error->message);
  g_error_free (error);
}

static void
activate_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

/* Activation the way the window does it, through the async API. */
static void
activate_async (CsStore    *store,
                const char *dir)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  cs_store_activate_async (store, dir, NULL, activate_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  cs_store_activate_finish (store, result, &error);
  g_assert_no_error (error);
}

static void
store_workflow (CsStore    *store,
                CsRecord   *record,
                const char *bundle,
                GString    *errors)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CsSubject) subject = cs_test_store_subject ("Inproc CA");
  g_autofree char *cert = NULL;
  g_autofree char *chain = NULL;
  g_autoptr(GBytes) cert_bytes = NULL;
  g_autoptr(GBytes) chain_bytes = NULL;
  g_autoptr(GBytes) other_bytes = NULL;

  cs_store_generate_key_pair_sync (store, record, CS_KEY_TYPE_RSA_2048, FALSE, NULL, &error);
  g_assert_no_error (error);
  cs_store_generate_csr_sync (store, record, subject, CS_DIGEST_SHA256, 0, NULL, FALSE, NULL,
                              &error);
  g_assert_no_error (error);
  cert = cs_test_store_sign (store, record, "issuing");
  cert_bytes = cs_test_pki_read_bytes (cert);

  /* Refusals on the way: a certificate of another key, a chain too early. */
  other_bytes = cs_test_pki_read_bytes ("other.pem");
  g_assert_false (cs_store_upload_certificate_sync (store, record, other_bytes, "other.pem", NULL,
                                                    NULL, &error));
  store_step_failed (errors, g_steal_pointer (&error));
  chain = cs_test_pki_cat ("issuing.pem", "root.pem", NULL);
  chain_bytes = g_bytes_new (chain, strlen (chain));
  g_assert_false (cs_store_upload_chain_sync (store, record, chain_bytes, "chain.pem", NULL, NULL,
                                              &error));
  store_step_failed (errors, g_steal_pointer (&error));

  cs_store_upload_certificate_sync (store, record, cert_bytes, cert, NULL, NULL, &error);
  g_assert_no_error (error);
  cs_store_upload_chain_sync (store, record, chain_bytes, "chain.pem", NULL, NULL, &error);
  g_assert_no_error (error);
  cs_store_finalize_sync (store, record, NULL, &error);
  g_assert_no_error (error);
  cs_store_make_default_sync (store, record, NULL, &error);
  g_assert_no_error (error);
  activate_async (store, bundle);

  g_assert_false (cs_store_delete_record_sync (store, record, NULL, &error));
  store_step_failed (errors, g_steal_pointer (&error));
  g_assert_false (cs_store_generate_key_pair_sync (store, record, CS_KEY_TYPE_RSA_2048, TRUE, NULL,
                                                   &error));
  store_step_failed (errors, g_steal_pointer (&error));
}

static void
test_store_logs (void)
{
  g_autofree char *db = cs_test_pki_path ("inproc/chainsmith.db");
  g_autofree char *bundle = cs_test_pki_path ("inproc-active");
  g_autoptr(GString) errors = g_string_new (NULL);
  g_autoptr(CsStore) store = NULL;
  g_autoptr(CsRecord) record = NULL;
  g_autoptr(CsRecordDetails) details = NULL;
  g_autoptr(GListModel) history = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *chain = NULL;
  g_autofree char *other_pem = NULL;
  g_auto(Needles) needles = { NULL, NULL };
  PublicPems pems;
  guint n_before;

  /* The writer sees debug messages. */
  g_debug ("test-secrets: the log writer is in place");
  g_assert_nonnull (strstr (captured->str, "the log writer is in place"));
  n_before = n_captured;

  cs_test_store_make_pki ();
  other_pem = cs_test_pki_path ("other.pem");
  if (!g_file_test (other_pem, G_FILE_TEST_EXISTS))
    {
      cs_test_pki_make_key ("other.key", "rsa:2048");
      cs_test_pki_make_csr ("other.key", "/CN=Inproc CA/O=Example Org/C=DE", "other.csr");
      cs_test_pki_sign ("issuing", "other.csr", CS_TEST_PKI_CA_LINES (0), NULL, "other.pem");
    }
  store = cs_test_store_open (db);
  record = cs_test_store_add (store, "Inproc");
  store_workflow (store, record, bundle, errors);

  details = cs_store_load_details_sync (store, record, NULL, &error);
  g_assert_no_error (error);
  history = cs_store_load_history_sync (store, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (cs_store_refresh_sync (store, NULL, &error));
  g_clear_object (&store);

  chain = cs_test_pki_cat ("issuing.pem", "root.pem", NULL);
  pems = (PublicPems) { cs_record_get_public_key (record), cs_record_details_get_csr_pem (details),
                        cs_record_details_get_certificate_pem (details), chain };
  needles_from_bundle (&needles, bundle, &pems);

  g_test_message ("%u log messages caught during the workflow", n_captured - n_before);
  g_mutex_lock (&log_lock);
  assert_no_key (&needles, captured->str, captured->len, "a log message");
  g_assert_null (strstr (captured->str, "PRIVATE KEY"));
  g_mutex_unlock (&log_lock);
  g_assert_cmpuint (strlen (errors->str), >, 0);
  assert_no_key (&needles, errors->str, errors->len, "an error message");
  scan_files (&needles, db, bundle);
}

int
main (int   argc,
      char *argv[])
{
  /* Before anything logs: every message, debug ones included, is caught. */
  g_setenv ("G_MESSAGES_DEBUG", "all", TRUE);
  captured = g_string_new (NULL);
  g_log_set_writer_func (capture_writer_cb, NULL, NULL);

  test_start = g_get_real_time () / G_USEC_PER_SEC - 1;
  cs_test_init (&argc, &argv);

  g_test_add_func ("/secrets/cli", test_cli);
  g_test_add_func ("/secrets/store-logs", test_store_logs);

  return g_test_run ();
}
