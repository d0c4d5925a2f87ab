/* cs-test-pki.c — test fixtures made by the `openssl` command
 *
 * Copyright 2026 The Chainsmith authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>
#include <stdarg.h>

#include "cs-test-pki.h"
#include "cs-test-util.h"

char *
cs_test_pki_path (const char *name)
{
  if (g_path_is_absolute (name))
    return g_strdup (name);
  return g_build_filename (cs_test_get_tmp_dir (), name, NULL);
}

void
cs_test_pki_write (const char *path,
                   const char *contents)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *full = cs_test_pki_path (path);

  g_file_set_contents (full, contents, -1, &error);
  g_assert_no_error (error);
}

char *
cs_test_pki_read (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *full = cs_test_pki_path (path);
  char *contents = NULL;

  g_file_get_contents (full, &contents, NULL, &error);
  g_assert_no_error (error);
  return contents;
}

GBytes *
cs_test_pki_read_bytes (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *full = cs_test_pki_path (path);
  char *contents = NULL;
  gsize length = 0;

  g_file_get_contents (full, &contents, &length, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (contents, length);
}

char *
cs_test_pki_cat (const char *first,
                 ...)
{
  GString *all = g_string_new (NULL);
  va_list args;

  va_start (args, first);
  for (const char *path = first; path != NULL; path = va_arg (args, const char *))
    {
      g_autofree char *contents = cs_test_pki_read (path);

      g_string_append (all, contents);
    }
  va_end (args);

  return g_string_free (all, FALSE);
}

void
cs_test_pki_make_key (const char *key,
                      const char *algorithm)
{
  g_auto(GStrv) parts = g_strsplit (algorithm, ":", 2);

  g_assert_cmpuint (g_strv_length (parts), ==, 2);
  if (g_str_equal (parts[0], "rsa"))
    cs_test_sh ("openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:%s -out '%s'",
                parts[1], key);
  else if (g_str_equal (parts[0], "ec"))
    cs_test_sh ("openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:%s -out '%s'",
                parts[1], key);
  else
    g_assert_not_reached ();
}

void
cs_test_pki_make_root (const char *name,
                       const char *subject,
                       const char *algorithm,
                       const char *lines,
                       int         days)
{
  g_autofree char *key = g_strconcat (name, ".key", NULL);
  g_autofree char *config = g_strconcat (name, ".cnf", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *quoted = g_shell_quote (subject);

  contents = g_strconcat ("[req]\ndistinguished_name = dn\n[dn]\n[v3]\n",
                          lines != NULL ? lines : CS_TEST_PKI_ROOT_LINES, NULL);
  cs_test_pki_write (config, contents);
  cs_test_pki_make_key (key, algorithm);
  cs_test_sh ("openssl req -x509 -new -key '%s' -subj %s -days %d -sha256 -config '%s' "
              "-extensions v3 -out '%s.pem'", key, quoted, days, config, name);
}

void
cs_test_pki_make_csr (const char *key,
                      const char *subject,
                      const char *csr)
{
  g_autofree char *quoted = g_shell_quote (subject);

  cs_test_sh ("openssl req -new -key '%s' -subj %s -sha256 -out '%s'", key, quoted, csr);
}

static char *
write_extfile (const char *cert,
               const char *lines)
{
  char *extfile = g_strconcat (cert, ".ext", NULL);

  cs_test_pki_write (extfile, lines);
  return extfile;
}

void
cs_test_pki_sign (const char *ca,
                  const char *csr,
                  const char *lines,
                  const char *options,
                  const char *cert)
{
  g_autofree char *extfile = write_extfile (cert, lines);

  cs_test_sh ("openssl x509 -req -in '%s' -CA '%s.pem' -CAkey '%s.key' -set_serial 0x%08x%08x "
              "-extfile '%s' %s -out '%s'",
              csr, ca, ca, g_random_int (), g_random_int (), extfile,
              options != NULL ? options : "-days 365 -sha256", cert);
}

static char *
write_ca_config (const char *prefix)
{
  g_autofree char *index = g_strconcat (prefix, ".index", NULL);
  g_autofree char *contents = NULL;
  char *config = g_strconcat (prefix, ".cnf", NULL);

  contents = g_strdup_printf ("[ca]\ndefault_ca = ca_default\n"
                              "[ca_default]\ndatabase = %s\nnew_certs_dir = .\n"
                              "rand_serial = yes\ndefault_md = sha256\npolicy = policy_any\n"
                              "unique_subject = no\nemail_in_dn = no\n"
                              "[policy_any]\ncommonName = supplied\n", index);
  cs_test_pki_write (config, contents);
  cs_test_pki_write (index, "");
  return config;
}

void
cs_test_pki_sign_dated (const char *ca,
                        const char *csr,
                        const char *lines,
                        const char *start,
                        const char *end,
                        const char *cert)
{
  g_autofree char *extfile = write_extfile (cert, lines);
  g_autofree char *config = write_ca_config (cert);

  cs_test_sh ("openssl ca -batch -notext -preserveDN -config '%s' -cert '%s.pem' -keyfile '%s.key' "
              "-in '%s' -startdate %s -enddate %s -extfile '%s' -outdir . -out '%s' 2>&1",
              config, ca, ca, csr, start, end, extfile, cert);
}

void
cs_test_pki_make_ca (const char *name,
                     const char *subject,
                     const char *issuer,
                     const char *lines,
                     int         days)
{
  g_autofree char *key = g_strconcat (name, ".key", NULL);
  g_autofree char *csr = g_strconcat (name, ".csr", NULL);
  g_autofree char *cert = g_strconcat (name, ".pem", NULL);
  g_autofree char *options = g_strdup_printf ("-days %d -sha256", days);

  cs_test_pki_make_key (key, "ec:P-256");
  cs_test_pki_make_csr (key, subject, csr);
  cs_test_pki_sign (issuer, csr, lines, options, cert);
}

void
cs_test_pki_make_crl (const char *ca,
                      const char *crl)
{
  g_autofree char *config = write_ca_config (crl);

  cs_test_sh ("openssl ca -gencrl -config '%s' -cert '%s.pem' -keyfile '%s.key' -crldays 30 "
              "-out '%s' 2>&1", config, ca, ca, crl);
}

char *
cs_test_pki_date (GDateTime *time)
{
  g_autoptr(GDateTime) utc = g_date_time_to_utc (time);

  return g_date_time_format (utc, "%Y%m%d%H%M%SZ");
}

void
cs_test_pki_to_der (const char *pem,
                    const char *der)
{
  cs_test_sh ("openssl x509 -in '%s' -outform DER -out '%s'", pem, der);
}
