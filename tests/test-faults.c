/* test-faults.c — a full disk, a locked database and SIGKILL, through chainsmith-cli
 *
 * Copyright 2026 The Chainsmith authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The real binary ($CS_CLI) saves while things go wrong around it:
 *
 *   - disk full: tests/fault-shim.c ($CS_FAULT_SHIM) is preloaded and fails
 *     the N-th and every later write to the database (or to the new deploy
 *     bundle) with ENOSPC. An unarmed run first counts the write points of
 *     the command; the sweep then fails each of them in turn;
 *   - locked: a child process holds BEGIN EXCLUSIVE on the database;
 *   - SIGKILL: the command is killed at random points of its run.
 *
 * After each, the store is read back in this process, without the shim: the
 * database passes integrity_check, every record is whole, and the store is
 * either exactly as before or exactly as after the command (a command that
 * reported a failure left it as before); the deploy bundle is the old one
 * or the new one, never a mix.
 */

#include "config.h"

#include <errno.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "cs-key-pair-private.h"
#include "cs-store.h"
#include "cs-test-pki.h"
#include "cs-test-store.h"
#include "cs-test-util.h"

static const char *self_exe;

/* The folders of a test, below the test's temporary folder (canonical, as
 * the shim sees paths through /proc/self/fd). */
static char *base_dir;   /* the store every case starts from */
static char *op_dir;     /* the store a case's command starts from */
static char *work_dir;   /* where the command runs */

#define DB_NAME "cs.db"

/* --- Paths and files ----------------------------------------------------- */

static char *
in_dir (const char *dir,
        const char *name)
{
  return g_build_filename (dir, name, NULL);
}

/* Replaces the folder @to by a copy of @from. */
static void
copy_tree (const char *from,
           const char *to)
{
  cs_test_sh ("rm -rf '%s' && cp -a '%s' '%s'", to, from, to);
}

static char *
read_or_null (const char *path)
{
  char *contents = NULL;

  if (!g_file_get_contents (path, &contents, NULL, NULL))
    return NULL;
  return contents;
}

/* --- Running the CLI ------------------------------------------------------ */

/* Replaces "@WORK@" in @arg by the work folder. */
static char *
expand (const char *arg)
{
  g_auto(GStrv) parts = g_strsplit (arg, "@WORK@", -1);

  return g_strjoinv (work_dir, parts);
}

static GSubprocessLauncher *
launcher_new (const char * const *env,
              GSubprocessFlags    flags)
{
  GSubprocessLauncher *launcher = g_subprocess_launcher_new (flags);

  g_subprocess_launcher_set_cwd (launcher, cs_test_get_tmp_dir ());
  for (guint i = 0; env != NULL && env[i] != NULL; i += 2)
    g_subprocess_launcher_setenv (launcher, env[i], env[i + 1], TRUE);
  return launcher;
}

/* chainsmith-cli --store DB args…, in the environment @env (pairs of name
 * and value, NULL-terminated). */
static GPtrArray *
cli_argv (const char         *db,
          const char * const *args)
{
  GPtrArray *argv = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_add (argv, g_strdup (g_getenv ("CS_CLI")));
  g_ptr_array_add (argv, g_strdup ("--store"));
  g_ptr_array_add (argv, g_strdup (db));
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, expand (args[i]));
  g_ptr_array_add (argv, NULL);
  return argv;
}

static int
run_cli (const char         *db,
         const char * const *env,
         const char * const *args,
         char              **out,
         char              **err)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GPtrArray) argv = cli_argv (db, args);
  g_autoptr(GError) error = NULL;
  g_autofree char *o = NULL;
  g_autofree char *e = NULL;

  launcher = launcher_new (env, G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  proc = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (proc, NULL, NULL, &o, &e, &error);
  g_assert_no_error (error);
  if (out != NULL)
    *out = g_steal_pointer (&o);
  if (err != NULL)
    *err = g_steal_pointer (&e);
  if (!g_subprocess_get_if_exited (proc))
    return 128 + g_subprocess_get_term_sig (proc);
  return g_subprocess_get_exit_status (proc);
}

/* Runs the CLI, which must succeed without a word on stderr. */
static void G_GNUC_NULL_TERMINATED
cli_ok (const char *db,
        ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  va_list ap;
  int status;

  va_start (ap, db);
  for (const char *arg = va_arg (ap, const char *); arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (args, (char *) arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);

  status = run_cli (db, NULL, (const char * const *) args->pdata, &out, &err);
  if (status != 0)
    g_error ("chainsmith-cli %s failed (%d): %s%s", (char *) args->pdata[0], status, out, err);
  g_assert_cmpstr (err, ==, "");
}

/* One line on stderr, as SPEC §6 wants it: "chainsmith-cli: reason\n". */
static void
assert_one_line (const char *err)
{
  const char *newline = strchr (err, '\n');

  if (!g_str_has_prefix (err, "chainsmith-cli: ") || newline == NULL || newline[1] != '\0')
    g_error ("not one line of reason on stderr: “%s”", err);
}

/* --- The store as read back ----------------------------------------------- */

static char *
sha256_of (const char *text)
{
  if (text == NULL || *text == '\0')
    return g_strdup ("-");
  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, text, -1);
}

static char *
sha256_of_bytes (GBytes *bytes)
{
  return g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
}

static gint64
unix_or_zero (GDateTime *time)
{
  return time != NULL ? g_date_time_to_unix (time) : 0;
}

/* The certificate's public key belongs to the record's key pair. */
static void
assert_key_matches_certificate (CsKeyPair  *key_pair,
                                const char *certificate_pem)
{
  BIO *bio = BIO_new_mem_buf (certificate_pem, -1);
  X509 *x509 = PEM_read_bio_X509 (bio, NULL, NULL, NULL);

  g_assert_nonnull (x509);
  g_assert_true (cs_key_pair_matches (key_pair, X509_get0_pubkey (x509)));
  X509_free (x509);
  BIO_free (bio);
}

/* A record is whole: what its state promises is there, and belongs to its
 * key. */
static void
assert_whole (CsRecord        *record,
              CsRecordDetails *details)
{
  CsRecordState state = cs_record_get_current_state (record);
  CsKeyPair *key_pair = cs_record_details_get_key_pair (details);
  const char *certificate = cs_record_details_get_certificate_pem (details);

  if (state >= CS_RECORD_STATE_KEYGEN_DONE)
    {
      g_assert_nonnull (key_pair);
      g_assert_cmpstr (cs_key_pair_get_public_pem (key_pair), ==, cs_record_get_public_key (record));
      g_assert_cmpstr (cs_key_pair_get_fingerprint (key_pair), ==,
                       cs_record_get_key_fingerprint (record));
    }
  if (state >= CS_RECORD_STATE_CSRGEN_DONE)
    g_assert_true (g_str_has_prefix (cs_record_details_get_csr_pem (details),
                                     "-----BEGIN CERTIFICATE REQUEST-----"));
  if (state >= CS_RECORD_STATE_INTCERT_UPLOAD_DONE)
    assert_key_matches_certificate (key_pair, certificate);
  if (state == CS_RECORD_STATE_CERTCHAIN_UPLOAD_DONE)
    g_assert_true (cs_record_get_has_chain (record));
  if (cs_record_get_default_certificate (record))
    g_assert_true (state == CS_RECORD_STATE_CERT_READY && cs_record_get_enabled (record));
}

#define S(s) ((s) != NULL ? (s) : "")

/* One line per record. @mask leaves out what differs between two runs of the
 * same command: times, and what a new key pair or CSR makes anew. */
static void
append_record (GString         *s,
               CsRecord        *r,
               CsRecordDetails *d,
               gboolean         mask)
{
  CsKeyPair *key_pair = cs_record_details_get_key_pair (d);
  g_autoptr(GBytes) private_der = key_pair != NULL ? cs_key_pair_dup_private_der (key_pair) : NULL;
  g_autofree char *key_hash = private_der != NULL ? sha256_of_bytes (private_der) : g_strdup ("-");
  g_autofree char *csr_hash = sha256_of (cs_record_details_get_csr_pem (d));
  g_autofree char *cert_hash = sha256_of (cs_record_details_get_certificate_pem (d));
  g_autofree char *chain_hash = sha256_of (cs_record_details_get_chain_pem (d));
  g_autofree char *root_hash = sha256_of (cs_record_details_get_root_pem (d));

  g_string_append_printf (s, "%" G_GINT64_FORMAT "|%s|%s|%s|%s|%s|%s|default=%d|%d|",
                          cs_record_get_id (r), cs_record_get_name (r),
                          cs_record_get_description (r), cs_record_get_protection_type (r),
                          cs_record_get_region (r), cs_record_get_status_api_name (r),
                          cs_record_state_get_api_name (cs_record_get_current_state (r)),
                          cs_record_get_default_certificate (r), cs_record_get_key_type (r));
  if (!mask)
    g_string_append_printf (s, "%s|%s|%" G_GINT64_FORMAT "|%s|%s|%" G_GINT64_FORMAT "|",
                            S (cs_record_get_key_fingerprint (r)), key_hash,
                            unix_or_zero (cs_record_get_key_generation_time (r)), csr_hash,
                            S (cs_record_get_csr_file_name (r)),
                            unix_or_zero (cs_record_get_csr_generation_time (r)));
  g_string_append_printf (s, "%s|%s|%s|%s|%s|%s|%d|%d|%s|%s|%" G_GINT64_FORMAT "|%"
                          G_GINT64_FORMAT "|%d|%d|active=%d/%d|pending=%d/%d|%s|%s|%s\n",
                          S (cs_record_get_common_name (r)), S (cs_record_get_organization (r)),
                          S (cs_record_get_department (r)), S (cs_record_get_city (r)),
                          S (cs_record_get_state_or_province (r)), S (cs_record_get_country (r)),
                          cs_record_get_signature_algorithm (r),
                          cs_record_get_path_length_constraint (r),
                          S (cs_record_get_uploaded_cert_file_name (r)),
                          S (cs_record_get_uploaded_chain_file_name (r)),
                          unix_or_zero (cs_record_get_cert_start_date (r)),
                          unix_or_zero (cs_record_get_cert_exp_date (r)),
                          cs_record_get_has_chain (r), cs_record_get_has_root (r),
                          cs_record_get_active_enabled (r), cs_record_get_active_default (r),
                          cs_record_get_certificate_pending (r), cs_record_get_chain_pending (r),
                          cert_hash, chain_hash, root_hash);
}

static void
append_history (GString *s,
                CsStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) history = cs_store_load_history_sync (store, NULL, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (history); i++)
    {
      g_autoptr(CsHistoryEvent) event = g_list_model_get_item (history, i);

      g_string_append_printf (s, "event %s|%s|%s\n",
                              cs_history_kind_get_api_name (cs_history_event_get_kind (event)),
                              cs_history_event_get_record_name (event),
                              S (cs_history_event_get_detail (event)));
    }
}

/* Every record (fields, blobs, active configuration) and the history, as
 * read with the _sync API; each record checked whole on the way. */
static char *
snapshot (const char *db,
          gboolean    mask)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CsStore) store = cs_store_new (db);
  GListModel *records;
  GString *s = g_string_new (NULL);

  if (!cs_store_open_sync (store, NULL, &error))
    g_error ("the store does not open: %s", error->message);
  records = cs_store_get_records (store);
  for (guint i = 0; i < g_list_model_get_n_items (records); i++)
    {
      g_autoptr(CsRecord) record = g_list_model_get_item (records, i);
      g_autoptr(CsRecordDetails) details = cs_store_load_details_sync (store, record, NULL, &error);

      g_assert_no_error (error);
      assert_whole (record, details);
      append_record (s, record, details, mask);
    }
  g_string_append_printf (s, "pending: %u\n", cs_store_get_n_pending_changes (store));
  append_history (s, store);
  return g_string_free (s, FALSE);
}

/* PRAGMA integrity_check through SQLite itself (which also recovers a WAL
 * that a failed command left behind). */
static void
assert_integrity (const char *db_path)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open_v2 (db_path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "ok");
  sqlite3_finalize (stmt);
  sqlite3_close (db);
}

/* --- The bundle ----------------------------------------------------------- */

typedef struct
{
  char *chain;
  char *key;
} Bundle;

static void
bundle_clear (Bundle *bundle)
{
  g_clear_pointer (&bundle->chain, g_free);
  g_clear_pointer (&bundle->key, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Bundle, bundle_clear)

static void
bundle_read (Bundle     *bundle,
             const char *dir)
{
  g_autofree char *chain = in_dir (dir, "ca-chain.pem");
  g_autofree char *key = in_dir (dir, "ca-key.pem");

  bundle->chain = read_or_null (chain);
  bundle->key = read_or_null (key);
}

static gboolean
bundle_equal (const Bundle *a,
              const Bundle *b)
{
  return g_strcmp0 (a->chain, b->chain) == 0 && g_strcmp0 (a->key, b->key) == 0;
}

/* The key of ca-key.pem is the key of the first certificate of
 * ca-chain.pem, as openssl reads them. */
static void
assert_bundle_pair (const char *dir)
{
  cs_test_sh ("openssl x509 -noout -pubkey -in '%s/ca-chain.pem' > cert.pub && "
              "openssl pkey -pubout -in '%s/ca-key.pem' > key.pub && cmp cert.pub key.pub",
              dir, dir);
}

/* Siblings that a publication left beside the deploy folder @dir; @n_keys
 * (optional) is set to how many of them hold a ca-key.pem. */
static guint
count_leftovers (const char *dir,
                 guint      *n_keys)
{
  g_autofree char *parent = g_path_get_dirname (dir);
  g_autofree char *base = g_path_get_basename (dir);
  g_autofree char *prefix = g_strdup_printf (".%s.new-", base);
  g_autoptr(GDir) d = g_dir_open (parent, 0, NULL);
  const char *name;
  guint n = 0;

  g_assert_nonnull (d);
  if (n_keys != NULL)
    *n_keys = 0;
  while ((name = g_dir_read_name (d)) != NULL)
    if (g_str_has_prefix (name, prefix))
      {
        g_autofree char *key = g_build_filename (parent, name, "ca-key.pem", NULL);

        n++;
        if (n_keys != NULL)
          *n_keys += g_file_test (key, G_FILE_TEST_EXISTS);
      }
  return n;
}

/* --- The base store: a record in every state --------------------------------
 *
 *   Ready     CERT_READY with a chain, the default, activated (bundle in
 *             base/active)
 *   Second    CERT_READY, enabled, activated
 *   Uploaded  INTCERT_UPLOAD_DONE
 *   Draft     CSRGEN_DONE; draft.pem is its signed certificate
 *   Keyed     KEYGEN_DONE
 *   Fresh     GENERAL_DONE
 */

static void
make_signed (const char *db,
             const char *name,
             const char *cert)
{
  g_autofree char *cn = g_strdup_printf ("%s CA", name);
  g_autofree char *csr = g_strdup_printf ("%s.csr", name);

  cli_ok (db, "add", name, "--description", "a record of the base store", NULL);
  cli_ok (db, "keygen", name, "--key-type", "p256", NULL);
  cli_ok (db, "csr", name, "--cn", cn, "--org", "Example Org", "--country", "DE", "--pathlen", "0",
          "--out", csr, NULL);
  cs_test_pki_sign ("issuing", csr, CS_TEST_PKI_CA_LINES (0), NULL, cert);
}

static void
make_base (void)
{
  static gboolean made;
  g_autofree char *db = in_dir (base_dir, DB_NAME);
  g_autofree char *active = in_dir (base_dir, "active");
  g_autofree char *chain = NULL;

  if (made)
    return;
  made = TRUE;
  g_assert_cmpint (g_mkdir_with_parents (base_dir, 0700), ==, 0);

  cs_test_store_make_pki ();
  chain = cs_test_pki_cat ("issuing.pem", "root.pem", NULL);
  cs_test_pki_write ("chain.pem", chain);

  make_signed (db, "Ready", "ready.pem");
  cli_ok (db, "upload", "Ready", "ready.pem", NULL);
  cli_ok (db, "upload-chain", "Ready", "chain.pem", NULL);
  cli_ok (db, "finalize", "Ready", NULL);
  cli_ok (db, "make-default", "Ready", NULL);
  make_signed (db, "Second", "second.pem");
  cli_ok (db, "upload", "Second", "second.pem", NULL);
  cli_ok (db, "finalize", "Second", NULL);
  cli_ok (db, "activate", "--to", active, NULL);
  make_signed (db, "Uploaded", "uploaded.pem");
  cli_ok (db, "upload", "Uploaded", "uploaded.pem", NULL);
  make_signed (db, "Draft", "draft.pem");
  cli_ok (db, "add", "Keyed", NULL);
  cli_ok (db, "keygen", "Keyed", "--key-type", "p256", NULL);
  cli_ok (db, "add", "Fresh", "--disabled", NULL);
}

/* --- Disk full ------------------------------------------------------------ */

typedef struct
{
  const char *name;
  gboolean    makes_new;  /* a new key pair or CSR: different at each run */
  const char *prep[8];    /* a command run first, without the shim (optional) */
  const char *args[16];   /* the command under test */
} FaultOp;

static const FaultOp fault_ops[] = {
  { "add", FALSE, { NULL }, { "add", "New", "--description", "made on a full disk", NULL } },
  { "keygen", TRUE, { NULL }, { "keygen", "Fresh", "--key-type", "p256", NULL } },
  { "csr", TRUE, { NULL }, { "csr", "Keyed", "--cn", "Keyed CA", "--org", "Example Org",
                             "--country", "DE", "--out", "keyed.csr", NULL } },
  { "upload", FALSE, { NULL }, { "upload", "Draft", "draft.pem", NULL } },
  { "upload-chain", FALSE, { NULL }, { "upload-chain", "Uploaded", "chain.pem", NULL } },
  { "finalize", FALSE, { NULL }, { "finalize", "Uploaded", NULL } },
  { "make-default", FALSE, { NULL }, { "make-default", "Second", NULL } },
  { "disable", FALSE, { NULL }, { "disable", "Second", NULL } },
  { "delete", FALSE, { NULL }, { "delete", "Draft", NULL } },
  { "activate", FALSE, { "make-default", "Second", NULL },
    { "activate", "--to", "@WORK@/active", NULL } },
};

#define OP_UPLOAD   (&fault_ops[3])
#define OP_ACTIVATE (&fault_ops[G_N_ELEMENTS (fault_ops) - 1])

typedef struct
{
  long writes;
  long failed;
} Report;

static Report
read_report (const char *path)
{
  g_autofree char *text = NULL;
  Report report = { -1, -1 };

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  g_assert_cmpint (sscanf (text, "writes=%ld failed=%ld", &report.writes, &report.failed), ==, 2);
  g_unlink (path);
  return report;
}

/* Runs @args in the work folder with the shim preloaded on @pattern, failing
 * from write @after on (-1: never). */
static int
run_with_shim (const char * const *args,
               const char         *pattern,
               long                after,
               Report             *report,
               char              **err)
{
  g_autofree char *db = in_dir (work_dir, DB_NAME);
  g_autofree char *report_path = cs_test_pki_path ("shim-report");
  g_autofree char *after_text = g_strdup_printf ("%ld", after);
  const char *env[] = {
    "LD_PRELOAD", g_getenv ("CS_FAULT_SHIM"),
    "CS_FAULT_PATH", pattern,
    "CS_FAULT_REPORT", report_path,
    after >= 0 ? "CS_FAULT_AFTER" : NULL, after_text,
    NULL
  };
  int status;

  status = run_cli (db, env, args, NULL, err);
  *report = read_report (report_path);
  return status;
}

/* The work folder as the op folder holds it: the base store after the
 * case's preparation. */
static void
reset_work (void)
{
  copy_tree (op_dir, work_dir);
}

static void
prepare_op (const FaultOp *op)
{
  g_autofree char *db = in_dir (op_dir, DB_NAME);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  make_base ();
  copy_tree (base_dir, op_dir);
  if (op->prep[0] != NULL && run_cli (db, NULL, op->prep, &out, &err) != 0)
    g_error ("preparing %s failed: %s%s", op->name, out, err);
}

typedef struct
{
  const FaultOp *op;
  char          *pattern;
  char          *before;        /* the store before, whole */
  char          *after;         /* the store after an unarmed run */
  Bundle         old_bundle;
  Bundle         new_bundle;
  long           n_points;      /* write points of the command */
  guint          n_failed;      /* runs that reported a failure */
  guint          n_succeeded;   /* runs whose failed write came after the commit */
  guint          n_bundle_ahead; /* failed activations whose bundle was already new */
} Sweep;

static void
sweep_clear (Sweep *sweep)
{
  g_free (sweep->pattern);
  g_free (sweep->before);
  g_free (sweep->after);
  bundle_clear (&sweep->old_bundle);
  bundle_clear (&sweep->new_bundle);
}

/* The unarmed run: it succeeds, and counts the write points. */
static void
sweep_reference (Sweep *sweep)
{
  g_autofree char *db = in_dir (work_dir, DB_NAME);
  g_autofree char *active = in_dir (work_dir, "active");
  g_autofree char *err = NULL;
  g_autofree char *before_masked = NULL;
  Report report;

  reset_work ();
  sweep->before = snapshot (db, FALSE);
  before_masked = snapshot (db, sweep->op->makes_new);
  bundle_read (&sweep->old_bundle, active);
  reset_work ();

  g_assert_cmpint (run_with_shim (sweep->op->args, sweep->pattern, -1, &report, &err), ==, 0);
  g_assert_cmpstr (err, ==, "");
  g_assert_cmpint (report.failed, ==, 0);
  g_assert_cmpint (report.writes, >, 0);
  sweep->n_points = report.writes;
  assert_integrity (db);
  sweep->after = snapshot (db, sweep->op->makes_new);
  g_assert_cmpstr (sweep->after, !=, before_masked);
  bundle_read (&sweep->new_bundle, active);
}

/* A failure: one line that says the disk is full, and nothing changed. */
static void
check_failed_run (Sweep      *sweep,
                  int         status,
                  const char *err,
                  const char *reason)
{
  g_autofree char *db = in_dir (work_dir, DB_NAME);
  g_autofree char *active = in_dir (work_dir, "active");
  g_autofree char *after = NULL;
  g_auto(Bundle) bundle = { NULL, NULL };

  g_assert_cmpint (status, ==, 1);
  assert_one_line (err);
  if (strstr (err, reason) == NULL)
    g_error ("%s: “%s” not in the reason: %s", sweep->op->name, reason, err);
  after = snapshot (db, FALSE);
  g_assert_cmpstr (after, ==, sweep->before);

  /* The bundle is the old one or (activation only) the new one, whole. */
  bundle_read (&bundle, active);
  if (bundle_equal (&bundle, &sweep->new_bundle) && !bundle_equal (&bundle, &sweep->old_bundle))
    sweep->n_bundle_ahead++;
  else
    g_assert_true (bundle_equal (&bundle, &sweep->old_bundle));
  sweep->n_failed++;
}

/* The failed write came after the commit (the checkpoint at close): the
 * command succeeded and its change is there, whole. */
static void
check_succeeded_run (Sweep      *sweep,
                     const char *err)
{
  g_autofree char *db = in_dir (work_dir, DB_NAME);
  g_autofree char *active = in_dir (work_dir, "active");
  g_autofree char *after = NULL;
  g_auto(Bundle) bundle = { NULL, NULL };

  g_assert_cmpstr (err, ==, "");
  after = snapshot (db, sweep->op->makes_new);
  g_assert_cmpstr (after, ==, sweep->after);
  bundle_read (&bundle, active);
  g_assert_true (bundle_equal (&bundle, &sweep->new_bundle));
  sweep->n_succeeded++;
}

static void
sweep_point (Sweep      *sweep,
             long        n,
             const char *reason)
{
  g_autofree char *db = in_dir (work_dir, DB_NAME);
  g_autofree char *err = NULL;
  Report report;
  int status;

  reset_work ();
  status = run_with_shim (sweep->op->args, sweep->pattern, n, &report, &err);
  /* The shim did fail write n: the run got that far. */
  g_assert_cmpint (report.writes, >, n);
  g_assert_cmpint (report.failed, >=, 1);
  assert_integrity (db);
  if (status == 0)
    check_succeeded_run (sweep, err);
  else
    check_failed_run (sweep, status, err, reason);
}

static void
test_disk_full_database (gconstpointer data)
{
  const FaultOp *op = data;
  g_autofree char *db = NULL;
  Sweep sweep = { op, NULL, };

  prepare_op (op);
  db = in_dir (work_dir, DB_NAME);
  sweep.pattern = g_strconcat (db, "*", NULL);
  sweep_reference (&sweep);

  for (long n = 0; n < sweep.n_points; n++)
    sweep_point (&sweep, n, "is full");

  g_test_message ("%s: %ld write points; %u failed with the store unchanged, %u failed after "
                  "the commit (the change kept); %u failed activations had published the new "
                  "bundle", op->name, sweep.n_points, sweep.n_failed, sweep.n_succeeded,
                  sweep.n_bundle_ahead);
  /* The first write points come before the commit: those must fail. */
  g_assert_cmpuint (sweep.n_failed, >=, 1);
  if (!g_str_equal (op->name, "activate"))
    g_assert_cmpuint (sweep.n_bundle_ahead, ==, 0);
  sweep_clear (&sweep);
}

/* Activation on a full disk under the deploy folder: the new bundle cannot
 * be written; the old one stays whole, and the change stays pending. */
static void
test_disk_full_deploy (void)
{
  g_autofree char *active = NULL;
  Sweep sweep = { OP_ACTIVATE, NULL, };

  prepare_op (OP_ACTIVATE);
  active = in_dir (work_dir, "active");
  sweep.pattern = g_strdup_printf ("%s/.active.new-*", work_dir);
  sweep_reference (&sweep);
  g_assert_false (bundle_equal (&sweep.old_bundle, &sweep.new_bundle));
  g_assert_nonnull (strstr (sweep.before, "pending: 1\n"));

  for (long n = 0; n < sweep.n_points; n++)
    {
      sweep_point (&sweep, n, "No space left on device");
      g_assert_cmpuint (count_leftovers (active, NULL), ==, 0);
    }
  g_test_message ("activate (deploy folder): %ld write points, %u failed", sweep.n_points,
                  sweep.n_failed);
  /* Every write of the new bundle precedes the swap. */
  g_assert_cmpuint (sweep.n_failed, ==, sweep.n_points);
  g_assert_cmpuint (sweep.n_bundle_ahead, ==, 0);
  assert_bundle_pair (active);
  sweep_clear (&sweep);
}

/* --- Locked --------------------------------------------------------------- */

/* The child: holds an exclusive transaction until its stdin closes. */
static int
lock_child (const char *path)
{
  sqlite3 *db = NULL;
  char buffer[16];

  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK ||
      sqlite3_exec (db, "BEGIN EXCLUSIVE", NULL, NULL, NULL) != SQLITE_OK)
    {
      fprintf (stderr, "lock child: %s\n", sqlite3_errmsg (db));
      return 1;
    }
  printf ("locked\n");
  fflush (stdout);
  while (fread (buffer, 1, sizeof buffer, stdin) > 0)
    ;
  sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
  sqlite3_close (db);
  return 0;
}

static GSubprocess *
lock_database (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autofree char *line = NULL;
  GSubprocess *child;

  child = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error,
                            self_exe, "--lock-child", path, NULL);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (child));
  line = g_data_input_stream_read_line (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (line, ==, "locked");
  return child;
}

static void
unlock_database (GSubprocess *child)
{
  g_autoptr(GError) error = NULL;

  g_output_stream_close (g_subprocess_get_stdin_pipe (child), NULL, &error);
  g_assert_no_error (error);
  g_subprocess_wait_check (child, NULL, &error);
  g_assert_no_error (error);
}

static void
assert_locked_refusal (const char         *db,
                       const char * const *args)
{
  g_autofree char *err = NULL;
  g_autofree char *out = NULL;

  g_assert_cmpint (run_cli (db, NULL, args, &out, &err), ==, 1);
  assert_one_line (err);
  if (strstr (err, "in use by another program") == NULL || strstr (err, db) == NULL)
    g_error ("not the reason of a locked store: %s", err);
}

static void
test_locked (void)
{
  const char * const add[] = { "add", "Locked out", NULL };
  const char * const make_default[] = { "make-default", "Second", NULL };
  const char * const activate[] = { "activate", "--to", "@WORK@/active", NULL };
  g_autofree char *db = NULL;
  g_autofree char *active = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GSubprocess) lock = NULL;
  g_auto(Bundle) old_bundle = { NULL, NULL };
  g_auto(Bundle) bundle = { NULL, NULL };
  g_autofree char *unlocked = NULL;

  make_base ();
  copy_tree (base_dir, work_dir);
  db = in_dir (work_dir, DB_NAME);
  active = in_dir (work_dir, "active");
  before = snapshot (db, FALSE);
  bundle_read (&old_bundle, active);

  lock = lock_database (db);
  assert_locked_refusal (db, add);
  assert_locked_refusal (db, make_default);
  assert_locked_refusal (db, activate);
  unlock_database (lock);

  after = snapshot (db, FALSE);
  g_assert_cmpstr (after, ==, before);
  bundle_read (&bundle, active);
  g_assert_true (bundle_equal (&bundle, &old_bundle));

  /* Released: the same commands go through. */
  cli_ok (db, "add", "Locked out", NULL);
  cli_ok (db, "make-default", "Second", NULL);
  cli_ok (db, "activate", "--to", active, NULL);
  unlocked = snapshot (db, FALSE);
  g_assert_nonnull (strstr (unlocked, "|Locked out|"));
  g_assert_nonnull (strstr (unlocked, "|Second|a record of the base store|CUSTOM_SW|GLOBAL|"
                                      "ENABLED|CERT_READY|default=1|"));
  bundle_clear (&bundle);
  bundle_read (&bundle, active);
  g_assert_false (bundle_equal (&bundle, &old_bundle));
  assert_bundle_pair (active);
}

/* --- SIGKILL -------------------------------------------------------------- */

typedef struct
{
  guint before;
  guint after;
  guint bundle_ahead;   /* the bundle new, the database not yet */
  guint killed;         /* the kill landed while the command ran */
  guint leftovers;      /* runs that left a half-made bundle folder behind */
  guint key_leftovers;  /* … with a ca-key.pem in it */
  guint cleaned;        /* … removed by the next activation */
} KillCounts;

static gint64
run_to_end (const char * const *args)
{
  g_autofree char *db = in_dir (work_dir, DB_NAME);
  g_autofree char *err = NULL;
  gint64 start = g_get_monotonic_time ();

  g_assert_cmpint (run_cli (db, NULL, args, NULL, &err), ==, 0);
  g_assert_cmpstr (err, ==, "");
  return g_get_monotonic_time () - start;
}

static void
kill_once (const char * const *args,
           gint64              max_delay,
           gboolean           *signaled)
{
  g_autofree char *db = in_dir (work_dir, DB_NAME);
  g_autoptr(GPtrArray) argv = cli_argv (db, args);
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;

  launcher = launcher_new (NULL, G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                                 G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  proc = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_usleep (g_random_int_range (0, (gint32) max_delay + 1));
  g_subprocess_send_signal (proc, SIGKILL);
  g_subprocess_wait (proc, NULL, &error);
  g_assert_no_error (error);
  *signaled = g_subprocess_get_if_signaled (proc);
  if (!*signaled)
    g_assert_cmpint (g_subprocess_get_exit_status (proc), ==, 0);
}

/* The store is the one before or the one after; the bundle the old one or
 * the new one, and never older than the database says. */
static void
check_after_kill (const char   *before,
                  const char   *after,
                  const Bundle *old_bundle,
                  const Bundle *new_bundle,
                  KillCounts   *counts)
{
  g_autofree char *db = in_dir (work_dir, DB_NAME);
  g_autofree char *active = in_dir (work_dir, "active");
  g_autofree char *now = NULL;
  g_auto(Bundle) bundle = { NULL, NULL };
  gboolean is_new;
  guint n_keys;

  assert_integrity (db);
  now = snapshot (db, FALSE);
  if (g_strcmp0 (now, before) != 0 && g_strcmp0 (now, after) != 0)
    g_error ("after SIGKILL the store is neither the one before nor the one after:\n%s", now);
  bundle_read (&bundle, active);
  is_new = bundle_equal (&bundle, new_bundle);
  g_assert_true (is_new || bundle_equal (&bundle, old_bundle));
  assert_bundle_pair (active);

  if (g_str_equal (now, after))
    {
      g_assert_true (is_new);
      counts->after++;
    }
  else
    {
      counts->before++;
      counts->bundle_ahead += is_new && !bundle_equal (old_bundle, new_bundle);
    }
  counts->leftovers += count_leftovers (active, &n_keys) > 0;
  counts->key_leftovers += n_keys > 0;
}

/* How long a run lives once its spawn returned, as kill_once() sees it. */
static gint64
time_spawned_run (const char * const *args)
{
  g_autofree char *db = in_dir (work_dir, DB_NAME);
  g_autoptr(GPtrArray) argv = cli_argv (db, args);
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start;

  launcher = launcher_new (NULL, G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                                 G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  proc = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  start = g_get_monotonic_time ();
  g_subprocess_wait_check (proc, NULL, &error);
  g_assert_no_error (error);
  return g_get_monotonic_time () - start;
}

/* Under AddressSanitizer a run takes several times as long and varies more:
 * a time budget could pass after a handful of runs, and a kill drawn from one
 * slow run's length could miss most runs. There a sweep runs until this many
 * kills have landed while the command ran (at most MAX_RUNS_SANITIZED runs),
 * and draws the kill's delay from the shortest of three runs timed from
 * their spawn, as kill_once() sees them. */
#define KILLS_SANITIZED 10
#define MAX_RUNS_SANITIZED 60
#define REFERENCE_RUNS_SANITIZED 3

static void
kill_sweep (const FaultOp *op,
            gint64         budget)
{
  g_autofree char *db = in_dir (work_dir, DB_NAME);
  g_autofree char *active = in_dir (work_dir, "active");
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_auto(Bundle) old_bundle = { NULL, NULL };
  g_auto(Bundle) new_bundle = { NULL, NULL };
  KillCounts counts = { 0, };
  gint64 duration, end;
  guint iterations = 0;

  prepare_op (op);
  reset_work ();
  before = snapshot (db, FALSE);
  bundle_read (&old_bundle, active);
  reset_work ();
  duration = run_to_end (op->args);
  after = snapshot (db, FALSE);
  bundle_read (&new_bundle, active);
  g_assert_cmpstr (after, !=, before);
  for (guint i = 0; CS_TEST_SANITIZED && i < REFERENCE_RUNS_SANITIZED; i++)
    {
      gint64 lifetime;

      reset_work ();
      lifetime = time_spawned_run (op->args);
      duration = i == 0 ? lifetime : MIN (duration, lifetime);
    }

  end = g_get_monotonic_time () + budget;
  while (CS_TEST_SANITIZED ? counts.killed < KILLS_SANITIZED && iterations < MAX_RUNS_SANITIZED
                           : g_get_monotonic_time () < end && iterations < 500)
    {
      gboolean signaled;

      reset_work ();
      kill_once (op->args, duration + duration / 4, &signaled);
      counts.killed += signaled;
      check_after_kill (before, after, &old_bundle, &new_bundle, &counts);
      /* A folder that a killed activation left (with a copy of a key) is
       * removed by the next activation. */
      if (count_leftovers (active, NULL) > 0)
        {
          run_to_end (op->args);
          g_assert_cmpuint (count_leftovers (active, NULL), ==, 0);
          counts.cleaned++;
        }
      iterations++;
    }

  g_test_message ("SIGKILL during %s (a run takes %.0f ms): %u runs, %u killed; store before %u, "
                  "after %u; bundle already new with the store before: %u; bundle folders "
                  "left behind: %u, %u of them with a ca-key.pem, %u removed by the next run",
                  op->name, duration / 1000.0,
                  iterations, counts.killed, counts.before, counts.after, counts.bundle_ahead,
                  counts.leftovers, counts.key_leftovers, counts.cleaned);
  g_assert_cmpuint (counts.cleaned, ==, counts.leftovers);
  g_assert_cmpuint (iterations, >=, 10);
  g_assert_cmpuint (counts.killed, >=, 1);
}

static void
test_kill_upload (void)
{
  kill_sweep (OP_UPLOAD, 12 * G_USEC_PER_SEC);
}

static void
test_kill_activate (void)
{
  kill_sweep (OP_ACTIVATE, 15 * G_USEC_PER_SEC);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *tmp = NULL;

  if (argc == 3 && g_str_equal (argv[1], "--lock-child"))
    return lock_child (argv[2]);

  self_exe = argv[0];
  cs_test_init (&argc, &argv);
  /* The messages the test matches are the untranslated ones. */
  g_setenv ("LANGUAGE", "C", TRUE);
  tmp = realpath (cs_test_get_tmp_dir (), NULL);
  g_assert_cmpstr (tmp, ==, cs_test_get_tmp_dir ());
  base_dir = cs_test_pki_path ("base");
  op_dir = cs_test_pki_path ("op");
  work_dir = cs_test_pki_path ("work");
  if (g_getenv ("CS_FAULT_SHIM") == NULL || g_getenv ("CS_CLI") == NULL)
    g_error ("CS_FAULT_SHIM and CS_CLI must be set (meson test sets them)");

  for (guint i = 0; i < G_N_ELEMENTS (fault_ops); i++)
    {
      g_autofree char *path = g_strdup_printf ("/faults/disk-full/%s", fault_ops[i].name);

      g_test_add_data_func (path, &fault_ops[i], test_disk_full_database);
    }
  g_test_add_func ("/faults/disk-full/deploy-folder", test_disk_full_deploy);
  g_test_add_func ("/faults/locked", test_locked);
  g_test_add_func ("/faults/kill/upload", test_kill_upload);
  g_test_add_func ("/faults/kill/activate", test_kill_activate);

  return g_test_run ();
}
