/* cs-deploy.c — the deploy bundle that activation publishes for the proxy
 *
 * Copyright 2026 The Chainsmith authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The bundle is a folder (by default $XDG_DATA_HOME/chainsmith/active/)
 * that is replaced as a whole:
 *
 *   1. cs_deploy_prepare(): a new sibling folder ".<name>.new-<pid>-XXXXXX"
 *      (0700) is filled: every file created with O_EXCL in its final mode
 *      (ca-key.pem 0600, never wider first), written, fsync'ed; then the
 *      folder is fsync'ed. Folders of that pattern left by a process that
 *      no longer exists (killed mid-activation) are removed first, so that
 *      no copy of a key outlives the activation that wrote it;
 *   2. cs_deploy_swap(): renameat2 (RENAME_EXCHANGE) swaps it with the old
 *      folder in one step, so that a reader sees either the whole old
 *      bundle or the whole new one. The store swaps just before it commits
 *      the activation, and cs_deploy_undo() swaps back if the commit fails;
 *   3. cs_deploy_finish(): the parent folder is fsync'ed and the old
 *      bundle, now under the sibling's name, is removed.
 *
 * The folder stays a real folder (no symlink) so that proxy configurations
 * and AppArmor profiles can name it. On a file system without
 * RENAME_EXCHANGE the swap falls back to two renames, with a moment in which
 * the folder is absent (never half-written). The private key is written
 * only into the new folder, from memory that is wiped when freed.
 */

#ifndef _GNU_SOURCE
#define _GNU_SOURCE   /* renameat2 */
#endif

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cs-error.h"
#include "cs-key-pair-private.h"
#include "cs-store-private.h"

#define CHAIN_FILE  "ca-chain.pem"
#define KEY_FILE    "ca-key.pem"
#define ROOT_FILE   "root.pem"
#define README_FILE "README"

static const char * const bundle_files[] = { CHAIN_FILE, KEY_FILE, ROOT_FILE, README_FILE };

static gboolean force_fallback;

void
cs_deploy_set_force_fallback (gboolean force)
{
  force_fallback = force;
}

static gboolean
set_deploy_error (GError     **error,
                  const char  *what,
                  const char  *path,
                  int          saved_errno)
{
  g_set_error (error, CS_ERROR, CS_ERROR_DEPLOY, "%s (%s: %s)", what, path,
               g_strerror (saved_errno));
  return FALSE;
}

static gboolean
is_bundle_file (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (bundle_files); i++)
    if (g_str_equal (name, bundle_files[i]))
      return TRUE;
  return FALSE;
}

/* The deploy folder, if it exists, must be a real folder that holds only
 * what a bundle holds: the swap moves the whole folder away. */
static gboolean
check_deploy_dir (const char  *dir,
                  gboolean    *exists,
                  GError     **error)
{
  g_autoptr(GDir) contents = NULL;
  const char *name;
  struct stat st;

  *exists = lstat (dir, &st) == 0;
  if (!*exists)
    return errno == ENOENT || set_deploy_error (error, _("Cannot read the deploy folder"), dir, errno);
  if (!S_ISDIR (st.st_mode))
    {
      g_set_error (error, CS_ERROR, CS_ERROR_DEPLOY,
                   _("“%s” is not a folder; choose a folder for the deploy bundle."), dir);
      return FALSE;
    }

  contents = g_dir_open (dir, 0, NULL);
  if (contents == NULL)
    return set_deploy_error (error, _("Cannot read the deploy folder"), dir, errno);
  while ((name = g_dir_read_name (contents)) != NULL)
    if (!is_bundle_file (name))
      {
        g_set_error (error, CS_ERROR, CS_ERROR_DEPLOY,
                     _("The deploy folder “%s” holds “%s”, which is not part of a bundle. "
                       "Choose an empty folder, or the one Chainsmith created."), dir, name);
        return FALSE;
      }
  return TRUE;
}

static gboolean
write_all (int           fd,
           const guint8 *data,
           gsize         size)
{
  while (size > 0)
    {
      ssize_t n = write (fd, data, size);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return FALSE;
      data += n;
      size -= n;
    }
  return TRUE;
}

static gboolean
write_file (int           dir_fd,
            const char   *dir,
            const char   *name,
            const void   *data,
            gsize         size,
            mode_t        mode,
            GError      **error)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  int fd = openat (dir_fd, name, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, mode);
  int saved_errno;

  if (fd < 0)
    return set_deploy_error (error, _("Could not write the deploy bundle"), path, errno);

  if (!write_all (fd, data, size) || fsync (fd) != 0)
    {
      saved_errno = errno;
      close (fd);
      return set_deploy_error (error, _("Could not write the deploy bundle"), path, saved_errno);
    }
  if (close (fd) != 0)
    return set_deploy_error (error, _("Could not write the deploy bundle"), path, errno);
  return TRUE;
}

static gboolean
write_text (int          dir_fd,
            const char  *dir,
            const char  *name,
            const char  *text,
            GError     **error)
{
  return write_file (dir_fd, dir, name, text, strlen (text), 0644, error);
}

static void
append_pem (GString    *out,
            const char *pem)
{
  if (pem == NULL || *pem == '\0')
    return;
  g_string_append (out, pem);
  if (out->str[out->len - 1] != '\n')
    g_string_append_c (out, '\n');
}

static char *
make_readme (const char *dir,
             gboolean    has_root)
{
  GString *s = g_string_new (NULL);

  g_string_append_printf (s,
    "Chainsmith deploy bundle\n"
    "========================\n"
    "\n"
    "Chainsmith replaces this folder as a whole at each activation; do not\n"
    "keep other files in it.\n"
    "\n"
    "  ca-chain.pem  the intermediate CA certificate, then its issuers (without\n"
    "                the root): what the proxy signs with and sends to clients\n"
    "  ca-key.pem    the intermediate's private key (PKCS#8 PEM, mode 0600)\n"
    "%s"
    "\n"
    "Squid 5 or 6 (ssl-bump, squid-openssl)\n"
    "--------------------------------------\n"
    "Squid signs the certificates it generates with the first certificate of\n"
    "tls-cert= and sends the others in that file as the chain:\n"
    "\n"
    "  http_port 3128 ssl-bump tls-cert=%s/ca-chain.pem tls-key=%s/ca-key.pem generate-host-certificates=on dynamic_cert_mem_cache_size=4MB\n"
    "  sslcrtd_program /usr/lib/squid/security_file_certgen -s /var/lib/squid/ssl_db -M 4MB\n"
    "  acl step1 at_step SslBump1\n"
    "  ssl_bump peek step1\n"
    "  ssl_bump bump all\n"
    "\n"
    "Squid reads these files as its own user (proxy on Debian): give it a copy,\n"
    "e.g. install -m 0600 -o proxy ca-key.pem /etc/squid/ (and the same for\n"
    "ca-chain.pem). After activating a new certificate, empty the generated\n"
    "certificate cache (remove /var/lib/squid/ssl_db, then run\n"
    "security_file_certgen -c -s /var/lib/squid/ssl_db -M 4MB as the proxy user)\n"
    "and reload Squid.\n"
    "\n"
    "mitmproxy\n"
    "---------\n"
    "mitmproxy reads its CA from mitmproxy-ca.pem in its configuration folder:\n"
    "the private key followed by the certificates (recent versions send those\n"
    "after the first as the chain). Build that file in a folder of its own, as\n"
    "mitmproxy writes other files beside it:\n"
    "\n"
    "  (umask 077; mkdir -p ~/.mitmproxy-chainsmith &&\n"
    "   cat %s/ca-key.pem %s/ca-chain.pem > ~/.mitmproxy-chainsmith/mitmproxy-ca.pem)\n"
    "  mitmproxy --set confdir=~/.mitmproxy-chainsmith\n",
    has_root ? "  root.pem      the root CA certificate, which the clients must trust\n" : "",
    dir, dir, dir, dir);
  return g_string_free (s, FALSE);
}

static gboolean
fill_bundle (int          dir_fd,
             const char  *new_dir,
             const char  *final_dir,
             CsKeyPair   *key_pair,
             const char  *certificate_pem,
             const char  *chain_pem,
             const char  *root_pem,
             GError     **error)
{
  g_autoptr(GString) chain = g_string_new (NULL);
  g_autoptr(GBytes) key = cs_key_pair_dup_private_pem (key_pair);
  g_autofree char *readme = make_readme (final_dir, root_pem != NULL && *root_pem != '\0');

  append_pem (chain, certificate_pem);
  append_pem (chain, chain_pem);

  if (!write_text (dir_fd, new_dir, CHAIN_FILE, chain->str, error) ||
      !write_file (dir_fd, new_dir, KEY_FILE, g_bytes_get_data (key, NULL), g_bytes_get_size (key),
                   0600, error) ||
      (root_pem != NULL && *root_pem != '\0' &&
       !write_text (dir_fd, new_dir, ROOT_FILE, root_pem, error)) ||
      !write_text (dir_fd, new_dir, README_FILE, readme, error))
    return FALSE;
  return TRUE;
}

static gboolean
sync_dir (const char  *dir,
          GError     **error)
{
  int fd = open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  int saved_errno;

  if (fd < 0 || fsync (fd) != 0)
    {
      saved_errno = errno;
      if (fd >= 0)
        close (fd);
      return set_deploy_error (error, _("Could not write the deploy bundle"), dir, saved_errno);
    }
  close (fd);
  return TRUE;
}

/* Removes a bundle folder: only the files a bundle holds, then the folder. */
static void
remove_bundle (const char *dir)
{
  for (guint i = 0; i < G_N_ELEMENTS (bundle_files); i++)
    {
      g_autofree char *path = g_build_filename (dir, bundle_files[i], NULL);

      g_unlink (path);
    }
  g_rmdir (dir);
}

static gboolean
swap_fallback (const char  *new_dir,
               const char  *dir,
               GError     **error)
{
  g_autofree char *aside = g_strconcat (new_dir, ".old", NULL);

  if (rename (dir, aside) != 0)
    return set_deploy_error (error, _("Could not replace the deploy bundle"), dir, errno);
  if (rename (new_dir, dir) != 0)
    {
      int saved_errno = errno;

      rename (aside, dir);
      return set_deploy_error (error, _("Could not replace the deploy bundle"), dir, saved_errno);
    }
  /* The old bundle under the new one's former name, for remove_bundle(). */
  rename (aside, new_dir);
  return TRUE;
}

static gboolean
swap_in (const char  *new_dir,
         const char  *dir,
         gboolean     exists,
         GError     **error)
{
  if (!exists)
    return rename (new_dir, dir) == 0 ||
           set_deploy_error (error, _("Could not publish the deploy bundle"), dir, errno);

  if (!force_fallback && renameat2 (AT_FDCWD, new_dir, AT_FDCWD, dir, RENAME_EXCHANGE) == 0)
    return TRUE;
  if (!force_fallback && errno != EINVAL && errno != ENOSYS && errno != ENOTSUP)
    return set_deploy_error (error, _("Could not replace the deploy bundle"), dir, errno);
  return swap_fallback (new_dir, dir, error);
}

/* Removes the sibling folders of @base in @parent that a process which no
 * longer runs left behind: ".<base>.new-<pid>-…" (and the fallback's
 * "….old"). A running process's folder is its own business. */
static void
remove_stale_dirs (const char *parent,
                   const char *base)
{
  g_autofree char *prefix = g_strdup_printf (".%s.new-", base);
  g_autoptr(GDir) listing = g_dir_open (parent, 0, NULL);
  const char *name;

  if (listing == NULL)
    return;

  while ((name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = NULL;
      char *end = NULL;
      gint64 pid;

      if (!g_str_has_prefix (name, prefix))
        continue;
      pid = g_ascii_strtoll (name + strlen (prefix), &end, 10);
      if (end == NULL || *end != '-' || pid <= 0 || pid > G_MAXINT ||
          (kill ((pid_t) pid, 0) == 0 || errno != ESRCH))
        continue;
      path = g_build_filename (parent, name, NULL);
      remove_bundle (path);
    }
}

static char *
make_new_dir (const char  *dir,
              GError     **error)
{
  g_autofree char *parent = g_path_get_dirname (dir);
  g_autofree char *base = g_path_get_basename (dir);
  g_autofree char *template = NULL;

  if (!g_file_test (parent, G_FILE_TEST_IS_DIR) && g_mkdir_with_parents (parent, 0700) != 0)
    {
      set_deploy_error (error, _("Could not create the deploy folder"), parent, errno);
      return NULL;
    }

  remove_stale_dirs (parent, base);
  template = g_strdup_printf ("%s/.%s.new-%d-XXXXXX", parent, base, (int) getpid ());
  if (g_mkdtemp_full (template, 0700) == NULL)
    {
      set_deploy_error (error, _("Could not create the deploy folder"), parent, errno);
      return NULL;
    }
  return g_steal_pointer (&template);
}

static gboolean
build_bundle (const char  *new_dir,
              const char  *dir,
              CsKeyPair   *key_pair,
              const char  *certificate_pem,
              const char  *chain_pem,
              const char  *root_pem,
              GError     **error)
{
  int dir_fd;
  gboolean ok;

  if (key_pair == NULL)
    return sync_dir (new_dir, error);

  dir_fd = open (new_dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir_fd < 0)
    return set_deploy_error (error, _("Could not write the deploy bundle"), new_dir, errno);
  ok = fill_bundle (dir_fd, new_dir, dir, key_pair, certificate_pem, chain_pem, root_pem, error) &&
       fsync (dir_fd) == 0;
  if (!ok && (error == NULL || *error == NULL))
    set_deploy_error (error, _("Could not write the deploy bundle"), new_dir, errno);
  close (dir_fd);
  return ok;
}

struct _CsDeployTxn
{
  char     *dir;
  char     *new_dir;
  gboolean  existed;
  gboolean  swapped;
};

/*
 * cs_deploy_prepare:
 * @deploy_dir: the bundle folder
 * @key_pair: (nullable): the default's key pair; %NULL empties the bundle
 * @certificate_pem: (nullable): the intermediate certificate
 * @chain_pem: (nullable): its issuers, without the root
 * @root_pem: (nullable): the root, written as root.pem when known
 * @error: return location for a %CS_ERROR_DEPLOY error
 *
 * Writes the new bundle beside @deploy_dir, ready to be swapped in. The old
 * bundle is not touched.
 *
 * Returns: (transfer full) (nullable): the prepared bundle; free it with
 *   cs_deploy_undo() or cs_deploy_finish()
 */
CsDeployTxn *
cs_deploy_prepare (const char  *deploy_dir,
                   CsKeyPair   *key_pair,
                   const char  *certificate_pem,
                   const char  *chain_pem,
                   const char  *root_pem,
                   GError     **error)
{
  g_autofree char *dir = g_canonicalize_filename (deploy_dir, NULL);
  g_autofree char *new_dir = NULL;
  CsDeployTxn *txn;
  gboolean exists;

  if (!check_deploy_dir (dir, &exists, error) || (new_dir = make_new_dir (dir, error)) == NULL)
    return NULL;

  if (!build_bundle (new_dir, dir, key_pair, certificate_pem, chain_pem, root_pem, error))
    {
      remove_bundle (new_dir);
      return NULL;
    }

  txn = g_new0 (CsDeployTxn, 1);
  txn->dir = g_steal_pointer (&dir);
  txn->new_dir = g_steal_pointer (&new_dir);
  txn->existed = exists;
  return txn;
}

/*
 * cs_deploy_swap:
 * @txn: a prepared bundle
 * @error: return location for a %CS_ERROR_DEPLOY error
 *
 * Puts the prepared bundle in place, in one step where the file system can.
 *
 * Returns: %TRUE if the new bundle is in place
 */
gboolean
cs_deploy_swap (CsDeployTxn  *txn,
                GError      **error)
{
  g_return_val_if_fail (txn != NULL && !txn->swapped, FALSE);

  if (!swap_in (txn->new_dir, txn->dir, txn->existed, error))
    return FALSE;
  txn->swapped = TRUE;
  return TRUE;
}

static void
cs_deploy_txn_free (CsDeployTxn *txn)
{
  g_free (txn->dir);
  g_free (txn->new_dir);
  g_free (txn);
}

/*
 * cs_deploy_undo:
 * @txn: (transfer full): a prepared, perhaps swapped, bundle
 *
 * Puts the old bundle back if the new one was swapped in (the activation
 * could not be committed), and removes the new one.
 */
void
cs_deploy_undo (CsDeployTxn *txn)
{
  g_return_if_fail (txn != NULL);

  if (txn->swapped)
    {
      if (!txn->existed)
        rename (txn->dir, txn->new_dir);
      else if (force_fallback ||
               renameat2 (AT_FDCWD, txn->new_dir, AT_FDCWD, txn->dir, RENAME_EXCHANGE) != 0)
        swap_fallback (txn->new_dir, txn->dir, NULL);
    }
  remove_bundle (txn->new_dir);
  cs_deploy_txn_free (txn);
}

/*
 * cs_deploy_finish:
 * @txn: (transfer full): a swapped bundle
 *
 * Makes the swap durable and removes the old bundle.
 */
void
cs_deploy_finish (CsDeployTxn *txn)
{
  g_autofree char *parent = NULL;

  g_return_if_fail (txn != NULL && txn->swapped);

  /* The swap is durable once the parent folder is on disk. */
  parent = g_path_get_dirname (txn->dir);
  sync_dir (parent, NULL);
  remove_bundle (txn->new_dir);
  cs_deploy_txn_free (txn);
}

/*
 * cs_deploy_publish:
 *
 * Prepares, swaps and finishes in one call, for callers without a
 * transaction to commit in between. On failure the old bundle is left as it
 * was.
 *
 * Returns: %TRUE if the new bundle is in place
 */
gboolean
cs_deploy_publish (const char  *deploy_dir,
                   CsKeyPair   *key_pair,
                   const char  *certificate_pem,
                   const char  *chain_pem,
                   const char  *root_pem,
                   GError     **error)
{
  CsDeployTxn *txn;

  txn = cs_deploy_prepare (deploy_dir, key_pair, certificate_pem, chain_pem, root_pem, error);
  if (txn == NULL)
    return FALSE;
  if (!cs_deploy_swap (txn, error))
    {
      cs_deploy_undo (txn);
      return FALSE;
    }
  cs_deploy_finish (txn);
  return TRUE;
}
