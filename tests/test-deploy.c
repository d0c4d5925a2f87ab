/* test-deploy.c — activation, pending changes and the deploy bundle
 *
 * Copyright 2026 The Chainsmith authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define _GNU_SOURCE   /* memmem */

#include "config.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/resource.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cs-error.h"
#include "cs-key-pair-private.h"
#include "cs-store.h"
#include "cs-store-private.h"
#include "cs-test-pki.h"
#include "cs-test-store.h"
#include "cs-test-util.h"

static gint64 test_start;

static char *
new_path (const char *what)
{
  static guint counter;

  return g_strdup_printf ("%s/%s-%u", cs_test_get_tmp_dir (), what, ++counter);
}

static CsStore *
new_store (void)
{
  g_autofree char *dir = new_path ("store");
  g_autofree char *path = g_build_filename (dir, "chainsmith.db", NULL);

  return cs_test_store_open (path);
}

static char *
read_file (const char *dir,
           const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  char *contents = NULL;

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  return contents;
}

static guint
file_mode (const char *dir,
           const char *name)
{
  g_autofree char *path = name ? g_build_filename (dir, name, NULL) : g_strdup (dir);
  struct stat st;

  g_assert_cmpint (g_lstat (path, &st), ==, 0);
  return st.st_mode & 0777;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static char *
list_dir (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);
  return g_strjoinv (" ", (char **) names->pdata);
}

static CsRecordDetails *
details_of (CsStore  *store,
            CsRecord *record)
{
  g_autoptr(GError) error = NULL;
  CsRecordDetails *details = cs_store_load_details_sync (store, record, NULL, &error);

  g_assert_no_error (error);
  return details;
}

static void
activate (CsStore    *store,
          const char *dir)
{
  g_autoptr(GError) error = NULL;

  cs_store_activate_sync (store, dir, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cs_store_get_n_pending_changes (store), ==, 0);
}

/* The key in ca-key.pem is the public key of the first certificate of
 * ca-chain.pem, and a leaf signed with them verifies up to root.pem. */
static void
verify_bundle_with_openssl (const char *dir,
                            const char *host)
{
  g_autofree char *ext = g_strdup_printf ("basicConstraints=CA:FALSE\n"
                                          "keyUsage=critical,digitalSignature\n"
                                          "extendedKeyUsage=serverAuth\n"
                                          "subjectAltName=DNS:%s\n"
                                          "authorityKeyIdentifier=keyid\n", host);

  cs_test_pki_write ("leaf.ext", ext);
  cs_test_sh ("openssl pkey -in '%s/ca-key.pem' -pubout -out key.pub && "
              "openssl x509 -in '%s/ca-chain.pem' -pubkey -noout > cert.pub && "
              "cmp key.pub cert.pub", dir, dir);
  cs_test_pki_make_key ("leaf.key", "ec:P-256");
  cs_test_sh ("openssl req -new -key leaf.key -subj '/CN=%s' -out leaf.csr", host);
  cs_test_sh ("openssl x509 -req -in leaf.csr -CA '%s/ca-chain.pem' -CAkey '%s/ca-key.pem' "
              "-set_serial 7 -days 30 -sha256 -extfile leaf.ext -out leaf.pem", dir, dir);
  cs_test_sh ("openssl verify -CAfile '%s/root.pem' -untrusted '%s/ca-chain.pem' "
              "-purpose sslserver -verify_hostname '%s' leaf.pem", dir, dir, host);
}

static void
test_bundle (void)
{
  g_autoptr(CsStore) store = new_store ();
  g_autoptr(CsRecord) a = cs_test_store_add_default (store, "A");
  g_autoptr(CsRecordDetails) details = details_of (store, a);
  g_autofree char *dir = cs_store_dup_default_deploy_dir ();
  g_autofree char *names = NULL;
  g_autofree char *chain = NULL;
  g_autofree char *expected_chain = NULL;
  g_autofree char *root = NULL;
  g_autofree char *readme = NULL;
  g_autofree char *key = NULL;
  g_autofree char *tls_cert = NULL;
  g_autoptr(GListModel) events = NULL;
  g_autoptr(CsHistoryEvent) activated = NULL;
  g_autoptr(GError) error = NULL;
  mode_t old_umask;

  g_assert_cmpuint (cs_store_get_n_pending_changes (store), ==, 2);
  g_assert_null (cs_store_get_active_default_record (store));

  old_umask = umask (0);
  activate (store, NULL);
  umask (old_umask);

  g_assert_true (cs_store_get_active_default_record (store) == a);
  g_assert_true (cs_record_get_active_default (a));
  g_assert_true (cs_record_get_active_enabled (a));
  names = list_dir (dir);
  g_assert_cmpstr (names, ==, "README ca-chain.pem ca-key.pem root.pem");
  g_assert_cmpuint (file_mode (dir, NULL), ==, 0700);
  g_assert_cmpuint (file_mode (dir, "ca-key.pem"), ==, 0600);
  g_assert_cmpuint (file_mode (dir, "ca-chain.pem"), ==, 0644);

  chain = read_file (dir, "ca-chain.pem");
  expected_chain = g_strconcat (cs_record_details_get_certificate_pem (details),
                                cs_record_details_get_chain_pem (details), NULL);
  g_assert_cmpstr (chain, ==, expected_chain);
  root = read_file (dir, "root.pem");
  g_assert_cmpstr (root, ==, cs_record_details_get_root_pem (details));
  g_assert_null (strstr (chain, root));
  key = read_file (dir, "ca-key.pem");
  g_assert_true (g_str_has_prefix (key, "-----BEGIN PRIVATE KEY-----\n"));
  readme = read_file (dir, "README");
  tls_cert = g_strdup_printf ("tls-cert=%s/ca-chain.pem tls-key=%s/ca-key.pem", dir, dir);
  g_assert_nonnull (strstr (readme, tls_cert));
  g_assert_nonnull (strstr (readme, "--set confdir="));
  verify_bundle_with_openssl (dir, "www.example.test");

  events = cs_store_load_history_sync (store, NULL, &error);
  g_assert_no_error (error);
  activated = g_list_model_get_item (events, 0);
  g_assert_cmpint (cs_history_event_get_kind (activated), ==, CS_HISTORY_ACTIVATED);
  g_assert_nonnull (strstr (cs_history_event_get_detail (activated), "Default: none → A"));
  g_assert_nonnull (strstr (cs_history_event_get_detail (activated), dir));
}

static gboolean
no_new_siblings (const char *dir)
{
  g_autofree char *parent = g_path_get_dirname (dir);
  g_autoptr(GDir) d = g_dir_open (parent, 0, NULL);
  const char *name;

  while ((name = g_dir_read_name (d)) != NULL)
    if (strstr (name, ".new-") != NULL)
      return FALSE;
  return TRUE;
}

static void
check_replaced (CsStore    *store,
                CsRecord   *record,
                const char *dir)
{
  g_autoptr(CsRecordDetails) details = details_of (store, record);
  g_autofree char *chain = read_file (dir, "ca-chain.pem");
  g_autofree char *key = read_file (dir, "ca-key.pem");
  g_autoptr(GBytes) expected_key = cs_key_pair_dup_private_pem (cs_record_details_get_key_pair (details));

  g_assert_true (g_str_has_prefix (chain, cs_record_details_get_certificate_pem (details)));
  g_assert_cmpmem (key, strlen (key), g_bytes_get_data (expected_key, NULL),
                   g_bytes_get_size (expected_key));
  g_assert_true (no_new_siblings (dir));
  verify_bundle_with_openssl (dir, "replaced.example.test");
}

static char *
read_fd (int fd)
{
  GString *s = g_string_new (NULL);
  char buffer[512];
  ssize_t n;

  lseek (fd, 0, SEEK_SET);
  while ((n = read (fd, buffer, sizeof buffer)) > 0)
    g_string_append_len (s, buffer, n);
  return g_string_free (s, FALSE);
}

static void
test_replace_whole (void)
{
  g_autoptr(CsStore) store = new_store ();
  g_autoptr(CsRecord) a = cs_test_store_add_default (store, "A");
  g_autoptr(CsRecord) b = cs_test_store_add (store, "B");
  g_autoptr(CsRecord) c = cs_test_store_add (store, "C");
  g_autofree char *dir = new_path ("deploy");
  g_autofree char *old_key = NULL;
  g_autofree char *old_key_later = NULL;
  g_autofree char *key_path = NULL;
  g_autoptr(GError) error = NULL;
  int old_fd;

  cs_test_store_make_ready (store, b);
  cs_test_store_make_ready (store, c);
  activate (store, dir);
  check_replaced (store, a, dir);

  /* The old files are never rewritten in place: a reader holding the old
   * ca-key.pem still reads it whole after the swap. */
  key_path = g_build_filename (dir, "ca-key.pem", NULL);
  old_fd = open (key_path, O_RDONLY);
  g_assert_cmpint (old_fd, >=, 0);
  old_key = read_fd (old_fd);

  cs_store_make_default_sync (store, b, NULL, &error);
  g_assert_no_error (error);
  activate (store, dir);
  check_replaced (store, b, dir);
  old_key_later = read_fd (old_fd);
  close (old_fd);
  g_assert_cmpstr (old_key_later, ==, old_key);

  /* Where RENAME_EXCHANGE is missing: two renames, same result. */
  cs_deploy_set_force_fallback (TRUE);
  cs_store_make_default_sync (store, c, NULL, &error);
  g_assert_no_error (error);
  activate (store, dir);
  cs_deploy_set_force_fallback (FALSE);
  check_replaced (store, c, dir);
}

static void
test_failure_keeps_old (void)
{
  g_autoptr(CsStore) store = new_store ();
  g_autoptr(CsRecord) a = cs_test_store_add_default (store, "A");
  g_autoptr(CsRecord) b = cs_test_store_add (store, "B");
  g_autofree char *dir = new_path ("deploy");
  g_autofree char *foreign = NULL;
  g_autofree char *chain_before = NULL;
  g_autofree char *chain_after = NULL;
  g_autofree char *file_dir = new_path ("not-a-folder");
  g_autofree char *blocked = NULL;
  g_autoptr(GListModel) before = NULL;
  g_autoptr(GListModel) after = NULL;
  g_autoptr(GError) error = NULL;
  guint pending;

  cs_test_store_make_ready (store, b);
  activate (store, dir);
  cs_store_make_default_sync (store, b, NULL, &error);
  g_assert_no_error (error);
  pending = cs_store_get_n_pending_changes (store);
  g_assert_cmpuint (pending, ==, 1);
  before = cs_store_load_history_sync (store, NULL, &error);
  chain_before = read_file (dir, "ca-chain.pem");

  /* A file the bundle does not own: the folder is not Chainsmith's alone. */
  foreign = g_build_filename (dir, "notes.txt", NULL);
  g_assert_true (g_file_set_contents (foreign, "mine", -1, NULL));
  g_assert_false (cs_store_activate_sync (store, dir, NULL, &error));
  g_assert_error (error, CS_ERROR, CS_ERROR_DEPLOY);
  g_assert_nonnull (strstr (error->message, "notes.txt"));
  g_clear_error (&error);

  /* Its parent cannot be made: a file is in the way. */
  g_assert_true (g_file_set_contents (file_dir, "x", -1, NULL));
  blocked = g_build_filename (file_dir, "active", NULL);
  g_assert_false (cs_store_activate_sync (store, blocked, NULL, &error));
  g_assert_error (error, CS_ERROR, CS_ERROR_DEPLOY);
  g_assert_nonnull (strstr (error->message, file_dir));
  g_clear_error (&error);

  /* Not a folder at all. */
  g_assert_true (g_file_set_contents (file_dir, "x", -1, NULL));
  g_assert_false (cs_store_activate_sync (store, file_dir, NULL, &error));
  g_assert_error (error, CS_ERROR, CS_ERROR_DEPLOY);
  g_clear_error (&error);

  chain_after = read_file (dir, "ca-chain.pem");
  g_assert_cmpstr (chain_after, ==, chain_before);
  g_assert_cmpuint (cs_store_get_n_pending_changes (store), ==, pending);
  g_assert_true (cs_record_get_active_default (a));
  g_assert_false (cs_record_get_active_default (b));
  after = cs_store_load_history_sync (store, NULL, &error);
  g_assert_cmpuint (g_list_model_get_n_items (after), ==, g_list_model_get_n_items (before));
  g_assert_true (no_new_siblings (dir));

  g_unlink (foreign);
  activate (store, dir);
  check_replaced (store, b, dir);
}

/* A write that fails halfway (here: a file size limit, as a full disk would)
 * leaves the old bundle whole and the configuration pending. */
static void
test_write_failure (void)
{
  g_autoptr(CsStore) store = new_store ();
  g_autoptr(CsRecord) a = cs_test_store_add_default (store, "A");
  g_autoptr(CsRecord) b = cs_test_store_add (store, "B");
  g_autofree char *dir = new_path ("deploy");
  g_autofree char *key_before = NULL;
  g_autofree char *key_after = NULL;
  g_autofree char *names = NULL;
  g_autoptr(GError) error = NULL;
  struct rlimit old_limit, small_limit;
  gboolean ok;

  cs_test_store_make_ready (store, b);
  activate (store, dir);
  key_before = read_file (dir, "ca-key.pem");
  cs_store_make_default_sync (store, b, NULL, &error);
  g_assert_no_error (error);

  signal (SIGXFSZ, SIG_IGN);
  g_assert_cmpint (getrlimit (RLIMIT_FSIZE, &old_limit), ==, 0);
  small_limit = old_limit;
  small_limit.rlim_cur = 512;
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &small_limit), ==, 0);
  ok = cs_store_activate_sync (store, dir, NULL, &error);
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &old_limit), ==, 0);

  g_assert_false (ok);
  g_assert_error (error, CS_ERROR, CS_ERROR_DEPLOY);
  g_assert_nonnull (strstr (error->message, "ca-chain.pem"));
  key_after = read_file (dir, "ca-key.pem");
  g_assert_cmpstr (key_after, ==, key_before);
  names = list_dir (dir);
  g_assert_cmpstr (names, ==, "README ca-chain.pem ca-key.pem root.pem");
  g_assert_true (no_new_siblings (dir));
  g_assert_true (cs_record_get_active_default (a));
  g_assert_cmpstr (cs_store_get_pending_changes (store)[0], ==, "Default: A → B");

  activate (store, dir);
  check_replaced (store, b, dir);
}

static void
test_empty (void)
{
  g_autoptr(CsStore) store = new_store ();
  g_autoptr(CsStore) other = new_store ();
  g_autoptr(CsRecord) a = cs_test_store_add_default (store, "A");
  g_autoptr(CsRecord) draft = cs_test_store_add (other, "Just a draft");
  g_autofree char *dir = new_path ("deploy");
  g_autofree char *names = NULL;

  activate (store, dir);
  names = list_dir (dir);
  g_assert_cmpstr (names, ==, "README ca-chain.pem ca-key.pem root.pem");
  g_clear_pointer (&names, g_free);

  /* A store without a default empties the bundle. */
  g_assert_null (cs_store_get_default_record (other));
  activate (other, dir);
  g_assert_true (g_file_test (dir, G_FILE_TEST_IS_DIR));
  names = list_dir (dir);
  g_assert_cmpstr (names, ==, "");
  g_assert_true (no_new_siblings (dir));
}

static void
count_cb (GObject    *object,
          GParamSpec *pspec,
          guint      *count)
{
  (*count)++;
}

static void
assert_pending (CsStore    *store,
                const char *first,
                ...)
{
  const char * const *lines = cs_store_get_pending_changes (store);
  va_list args;
  guint i = 0;

  va_start (args, first);
  for (const char *line = first; line != NULL; line = va_arg (args, const char *), i++)
    g_assert_cmpstr (lines[i], ==, line);
  va_end (args);
  g_assert_null (lines[i]);
  g_assert_cmpuint (cs_store_get_n_pending_changes (store), ==, i);
}

static void
test_pending (void)
{
  g_autoptr(CsStore) store = new_store ();
  g_autoptr(CsRecord) a = cs_test_store_add_default (store, "A");
  g_autoptr(CsRecord) b = cs_test_store_add (store, "B");
  g_autofree char *dir = new_path ("deploy");
  g_autofree char *renewal = NULL;
  g_autofree char *chain_text = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GBytes) chain = NULL;
  g_autoptr(GError) error = NULL;
  guint notified = 0;

  g_signal_connect (store, "notify::n-pending-changes", G_CALLBACK (count_cb), &notified);
  assert_pending (store, "Default: none → A", "Enabled: A", NULL);
  activate (store, dir);
  g_assert_cmpuint (notified, ==, 1);

  /* A draft is not pending; a new ready certificate is. */
  g_assert_cmpuint (cs_store_get_n_pending_changes (store), ==, 0);
  cs_test_store_make_ready (store, b);
  assert_pending (store, "Enabled: B", NULL);
  cs_store_make_default_sync (store, b, NULL, &error);
  g_assert_no_error (error);
  assert_pending (store, "Default: A → B", "Enabled: B", NULL);
  /* Names take effect at once: the line follows the rename. */
  cs_store_update_general_sync (store, b, "Bee", "", TRUE, NULL, &error);
  g_assert_no_error (error);
  assert_pending (store, "Default: A → Bee", "Enabled: Bee", NULL);
  activate (store, dir);

  cs_store_set_enabled_sync (store, a, FALSE, NULL, &error);
  g_assert_no_error (error);
  assert_pending (store, "Disabled: A", NULL);
  cs_store_set_enabled_sync (store, a, TRUE, NULL, &error);
  g_assert_no_error (error);
  assert_pending (store, NULL);

  /* A renewal of the active default, and a new chain (the issuing CA
   * renewed with the same key). */
  renewal = cs_test_store_sign (store, b, "issuing");
  bytes = cs_test_pki_read_bytes (renewal);
  cs_store_upload_certificate_sync (store, b, bytes, renewal, NULL, NULL, &error);
  g_assert_no_error (error);
  assert_pending (store, "Certificate of Bee replaced", NULL);
  g_assert_true (cs_record_get_certificate_pending (b));
  cs_test_pki_sign ("root", "issuing.csr", CS_TEST_PKI_CA_LINES (1), NULL, "issuing2.pem");
  chain_text = cs_test_pki_cat ("issuing2.pem", "root.pem", NULL);
  chain = g_bytes_new (chain_text, strlen (chain_text));
  cs_store_upload_chain_sync (store, b, chain, "chain2.pem", NULL, NULL, &error);
  g_assert_no_error (error);
  assert_pending (store, "Certificate of Bee replaced", "Chain of Bee replaced", NULL);
  activate (store, dir);
  g_assert_false (cs_record_get_certificate_pending (b));
  check_replaced (store, b, dir);
}

/* No file but the database and the bundle's ca-key.pem holds a private key. */

typedef struct
{
  GPtrArray *needles;    /* GBytes: DER keys and PEM body lines */
  GPtrArray *allowed;    /* paths that may hold keys */
  guint      scanned;
} Scan;

static void
add_key_needles (Scan      *scan,
                 CsKeyPair *key_pair)
{
  g_autoptr(GBytes) pem = cs_key_pair_dup_private_pem (key_pair);
  g_autofree char *text = g_strndup (g_bytes_get_data (pem, NULL), g_bytes_get_size (pem));
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  g_ptr_array_add (scan->needles, cs_key_pair_dup_private_der (key_pair));
  for (guint i = 0; lines[i] != NULL; i++)
    if (strlen (lines[i]) >= 40 && !g_str_has_prefix (lines[i], "-----"))
      g_ptr_array_add (scan->needles, g_bytes_new (lines[i], strlen (lines[i])));
}

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
  for (guint i = 0; i < scan->needles->len; i++)
    {
      GBytes *needle = g_ptr_array_index (scan->needles, i);

      if (memmem (contents, length, g_bytes_get_data (needle, NULL), g_bytes_get_size (needle)))
        g_error ("a private key was found in %s", path);
    }
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
      struct stat st;

      if (g_lstat (path, &st) != 0 || is_allowed (scan, path))
        continue;
      if (S_ISDIR (st.st_mode))
        scan_tree (scan, path, recent_only);
      else if (S_ISREG (st.st_mode) && st.st_size < 8 * 1024 * 1024 &&
               (!recent_only || st.st_mtime >= test_start))
        scan_file (scan, path);
    }
}

static void
test_no_key_leak (void)
{
  g_autofree char *db_dir = g_build_filename (g_get_user_data_dir (), "chainsmith", NULL);
  g_autofree char *db = g_build_filename (db_dir, "chainsmith.db", NULL);
  g_autofree char *deploy = cs_store_dup_default_deploy_dir ();
  g_autofree char *bundle_key = g_build_filename (deploy, "ca-key.pem", NULL);
  g_autoptr(CsStore) store = cs_test_store_open (NULL);
  g_autoptr(CsRecord) a = cs_test_store_add_default (store, "A");
  g_autoptr(CsRecord) b = cs_test_store_add (store, "B");
  g_autoptr(CsRecord) draft = cs_test_store_add (store, "Draft");
  g_autoptr(CsRecordDetails) da = NULL;
  g_autoptr(CsRecordDetails) db_details = NULL;
  g_autoptr(CsRecordDetails) dd = NULL;
  g_autoptr(GError) error = NULL;
  Scan scan = { g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref),
                g_ptr_array_new (), 0 };
  Scan deleted = { g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref),
                   g_ptr_array_new (), 0 };

  cs_test_store_make_ready (store, b);
  cs_test_store_add_csr (store, draft);
  activate (store, NULL);
  cs_store_make_default_sync (store, b, NULL, &error);
  g_assert_no_error (error);
  activate (store, NULL);

  da = details_of (store, a);
  db_details = details_of (store, b);
  dd = details_of (store, draft);
  add_key_needles (&scan, cs_record_details_get_key_pair (da));
  add_key_needles (&scan, cs_record_details_get_key_pair (db_details));
  add_key_needles (&scan, cs_record_details_get_key_pair (dd));
  add_key_needles (&deleted, cs_record_details_get_key_pair (dd));
  cs_store_delete_record_sync (store, draft, NULL, &error);
  g_assert_no_error (error);

  /* The bundle holds the active default's key, and no other. */
  {
    Scan others = { g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref),
                    g_ptr_array_new (), 0 };

    add_key_needles (&others, cs_record_details_get_key_pair (da));
    add_key_needles (&others, cs_record_details_get_key_pair (dd));
    scan_file (&others, bundle_key);
    g_assert_cmpuint (others.scanned, ==, 1);
    g_ptr_array_unref (others.needles);
    g_ptr_array_unref (others.allowed);
  }

  g_ptr_array_add (scan.allowed, db);
  g_ptr_array_add (scan.allowed, g_strconcat (db, "-wal", NULL));
  g_ptr_array_add (scan.allowed, g_strconcat (db, "-shm", NULL));
  g_ptr_array_add (scan.allowed, bundle_key);
  scan_tree (&scan, g_get_user_data_dir (), FALSE);
  scan_tree (&scan, g_get_tmp_dir (), FALSE);
  scan_tree (&scan, cs_test_get_tmp_dir (), FALSE);
  scan_tree (&scan, "/tmp", TRUE);
  g_assert_cmpuint (scan.scanned, >, 10);

  /* secure_delete: once the WAL is merged, the deleted draft's key is gone
   * from the database file too. */
  g_clear_object (&store);
  g_assert_false (g_file_test (g_ptr_array_index (scan.allowed, 1), G_FILE_TEST_EXISTS));
  scan_file (&deleted, db);
  g_assert_cmpuint (deleted.scanned, ==, 1);

  g_free (g_ptr_array_index (scan.allowed, 1));
  g_free (g_ptr_array_index (scan.allowed, 2));
  g_ptr_array_unref (scan.needles);
  g_ptr_array_unref (scan.allowed);
  g_ptr_array_unref (deleted.needles);
  g_ptr_array_unref (deleted.allowed);
}

int
main (int   argc,
      char *argv[])
{
  test_start = g_get_real_time () / G_USEC_PER_SEC - 1;
  cs_test_init (&argc, &argv);
  cs_test_store_make_pki ();

  g_test_add_func ("/deploy/bundle", test_bundle);
  g_test_add_func ("/deploy/replace-whole", test_replace_whole);
  g_test_add_func ("/deploy/failure-keeps-old", test_failure_keeps_old);
  g_test_add_func ("/deploy/write-failure", test_write_failure);
  g_test_add_func ("/deploy/empty", test_empty);
  g_test_add_func ("/deploy/pending", test_pending);
  g_test_add_func ("/deploy/no-key-leak", test_no_key_leak);

  return g_test_run ();
}
