/* test-signing.c — the signing instructions, followed literally with openssl
 *
 * Copyright 2026 The Chainsmith authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>
#include <string.h>

#include "cs-csr.h"
#include "cs-signing.h"
#include "cs-test-util.h"

static CsKeyPair *rsa_key;
static CsKeyPair *ec_key;

/* Runs a shell line in the test's folder; fails the test unless it exits
 * 0. Returns standard output followed by standard error. */
static char *
sh (const char *command)
{
  const char *argv[] = { "/bin/sh", "-c", command, NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status;

  status = cs_test_spawn (argv, NULL, &out, &err);
  if (status != 0)
    g_error ("“%s” failed (%d): %s%s", command, status, out, err);
  return g_strconcat (out, err, NULL);
}

static void
write_tmp_file (const char *name,
                const char *contents)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (cs_test_get_tmp_dir (), name, NULL);

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
}

static void
assert_matches (const char *text,
                const char *pattern)
{
  if (!g_regex_match_simple (pattern, text, G_REGEX_MULTILINE, 0))
    g_error ("“%s” not found in:\n%s", pattern, text);
}

static void
assert_contains (const char *text,
                 const char *part)
{
  if (strstr (text, part) == NULL)
    g_error ("“%s” not found in:\n%s", part, text);
}

static CsSubject *
example_subject (void)
{
  CsSubject *subject = cs_subject_new ();

  cs_subject_set (subject, CS_SUBJECT_COMMON_NAME, "Example Inspection CA");
  cs_subject_set (subject, CS_SUBJECT_ORGANIZATION, "Example Corp");
  cs_subject_set (subject, CS_SUBJECT_COUNTRY, "NL");
  return subject;
}

/* The root CA the admin's organisation would have, in the files the
 * command names. */
static void
make_root (void)
{
  static gboolean done;

  if (done)
    return;
  cs_test_sh ("openssl req -x509 -newkey rsa:2048 -nodes -keyout %s -out %s -subj '/CN=Test Root CA' "
              "-days 3650 -addext keyUsage=critical,keyCertSign,cRLSign "
              "-addext basicConstraints=critical,CA:TRUE 2>/dev/null",
              CS_SIGNING_ROOT_KEY_FILE, CS_SIGNING_ROOT_CERT_FILE);
  done = TRUE;
}

static void
test_extension_lines (void)
{
  g_autofree char *one = cs_signing_get_extensions (1);
  g_autofree char *zero = cs_signing_get_extensions (0);
  g_autofree char *minimum = cs_signing_get_minimum_extensions ();

  g_assert_cmpstr (one, ==,
                   "basicConstraints=critical,CA:TRUE,pathlen:1\n"
                   "keyUsage=critical,keyCertSign,cRLSign\n"
                   "subjectKeyIdentifier=hash\n"
                   "authorityKeyIdentifier=keyid\n");
  g_assert_true (g_str_has_prefix (zero, "basicConstraints=critical,CA:TRUE,pathlen:0\n"));
  g_assert_cmpstr (minimum, ==, "basicConstraints=CA:TRUE\nkeyUsage=keyCertSign, cRLSign\n");
}

static void
test_commands_filled (void)
{
  g_autofree char *command = cs_signing_get_openssl_command ("corp-sub-2026", CS_DIGEST_SHA384, 730);
  g_autofree char *stripped = cs_signing_get_openssl_command ("corp-sub-2026.csr", CS_DIGEST_SHA256, 1825);
  g_autofree char *adcs = cs_signing_get_adcs_command ("corp-sub-2026");
  g_autofree char *adcs_spaced = cs_signing_get_adcs_command ("Corp Sub 2026");
  g_auto(GStrv) adcs_lines = g_strsplit (adcs, "\n", -1);

  g_assert_cmpstr (command, ==,
                   "openssl x509 -req -in corp-sub-2026.csr -CA root.pem -CAkey root-key.pem "
                   "-CAcreateserial -days 730 -sha384 -extfile intermediate.ext -out corp-sub-2026.pem");
  /* A name typed with its extension is not doubled. */
  assert_contains (stripped, " -in corp-sub-2026.csr ");
  assert_contains (stripped, " -days 1825 -sha256 ");

  g_assert_cmpstr (adcs_lines[0], ==,
                   "certreq -submit -attrib \"CertificateTemplate:SubCA\" corp-sub-2026.csr corp-sub-2026.cer");
  assert_contains (adcs_lines[1], "corp-sub-2026.cer");
  assert_contains (adcs_lines[1], "DER");
  assert_contains (adcs_spaced, "\"Corp Sub 2026.csr\" \"Corp Sub 2026.cer\"\n");
}

/* The shell reads a quoted name back as the name itself. */
static void
test_shell_quoting (void)
{
  const char *names[] = { "Bob's CA", "a b$c`d", "semi;colon", "-dash" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *command = cs_signing_get_openssl_command (names[i], CS_DIGEST_SHA256, 1);
      g_autofree char *expected_in = g_strconcat (names[i], ".csr", NULL);
      g_autofree char *expected_out = g_strconcat (names[i], ".pem", NULL);
      g_auto(GStrv) argv = NULL;
      g_autoptr(GError) error = NULL;
      int argc = 0;

      g_shell_parse_argv (command, &argc, &argv, &error);
      g_assert_no_error (error);
      g_assert_cmpint (argc, ==, 17);
      g_assert_cmpstr (argv[3], ==, "-in");
      g_assert_cmpstr (argv[4], ==, expected_in);
      g_assert_cmpstr (argv[16], ==, expected_out);
    }
}

static void
test_instructions_text (void)
{
  g_autofree char *text = cs_signing_get_instructions ("corp-sub", CS_DIGEST_SHA512, 0);
  g_autofree char *extensions = cs_signing_get_extensions (0);
  g_autofree char *command = cs_signing_get_openssl_command ("corp-sub", CS_DIGEST_SHA512, CS_SIGNING_DEFAULT_DAYS);
  g_autofree char *minimum = cs_signing_get_minimum_extensions ();
  g_autofree char *costs = cs_signing_get_minimum_costs ();
  g_autofree char *adcs = cs_signing_get_adcs_command ("corp-sub");

  assert_contains (text, "corp-sub.csr");
  assert_contains (text, "corp-sub.pem");
  assert_contains (text, CS_SIGNING_EXTFILE);
  assert_contains (text, extensions);
  assert_contains (text, command);
  assert_contains (text, minimum);
  assert_contains (text, costs);
  assert_contains (text, adcs);
  /* The exact lines, each on a line of its own. */
  assert_matches (text, "^basicConstraints=critical,CA:TRUE,pathlen:0$");
  assert_matches (text, "^keyUsage=critical,keyCertSign,cRLSign$");
  assert_matches (text, "^subjectKeyIdentifier=hash$");
  assert_matches (text, "^authorityKeyIdentifier=keyid$");
  assert_matches (text, "^basicConstraints=CA:TRUE$");
  assert_matches (text, "^keyUsage=keyCertSign, cRLSign$");
  assert_matches (text, "^openssl x509 -req .* -sha512 .*$");
  assert_matches (text, "^certreq -submit -attrib \"CertificateTemplate:SubCA\" corp-sub.csr corp-sub.cer$");
  g_assert_false (g_str_has_suffix (text, "\n\n"));

  assert_contains (costs, "critical");
  assert_contains (costs, "path length");
  assert_contains (costs, "subjectKeyIdentifier");
}

static char *
csr_skid (const char *pem)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CsCsrInfo) info = cs_csr_info_new_from_pem (pem, -1, &error);
  const char * const *extensions;

  g_assert_no_error (error);
  extensions = cs_csr_info_get_extensions (info);
  for (guint i = 0; extensions[i] != NULL; i++)
    if (g_str_has_prefix (extensions[i], "Subject Key Identifier: "))
      return g_strdup (extensions[i] + strlen ("Subject Key Identifier: "));
  g_assert_not_reached ();
}

typedef struct
{
  const char *name;
  gboolean    ec;
  CsDigest    digest;
  guint       path_length;
} SignCase;

/* Follows the instructions to the letter: the extension file as given,
 * the command as given, run by the shell in the folder of the request. */
static void
test_sign_as_instructed (gconstpointer data)
{
  const SignCase *sc = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CsSubject) subject = example_subject ();
  g_autofree char *csr = NULL;
  g_autofree char *csr_file = g_strconcat (sc->name, ".csr", NULL);
  g_autofree char *pem_file = g_strconcat (sc->name, ".pem", NULL);
  g_autofree char *quoted_pem = g_shell_quote (pem_file);
  g_autofree char *extensions = cs_signing_get_extensions (sc->path_length);
  g_autofree char *command = cs_signing_get_openssl_command (sc->name, sc->digest, 365);
  g_autofree char *text_command = NULL;
  g_autofree char *verify_command = NULL;
  g_autofree char *text = NULL;
  g_autofree char *verify = NULL;
  g_autofree char *pathlen = NULL;
  g_autofree char *skid = NULL;
  g_autofree char *signature = NULL;

  make_root ();
  csr = cs_csr_generate (sc->ec ? ec_key : rsa_key, subject, sc->digest, sc->path_length, &error);
  g_assert_no_error (error);
  write_tmp_file (csr_file, csr);
  write_tmp_file (CS_SIGNING_EXTFILE, extensions);

  g_free (sh (command));

  text_command = g_strdup_printf ("openssl x509 -in %s -noout -text", quoted_pem);
  text = sh (text_command);
  pathlen = g_strdup_printf ("^ +X509v3 Basic Constraints: critical\n +CA:TRUE, pathlen:%u$", sc->path_length);
  assert_matches (text, pathlen);
  assert_matches (text, "^ +X509v3 Key Usage: critical\n +Certificate Sign, CRL Sign$");
  assert_matches (text, "^ +X509v3 Authority Key Identifier: *\n +([0-9A-F]{2}:){19}[0-9A-F]{2}$");
  assert_matches (text, "^ +Version: 3 \\(0x2\\)$");
  signature = g_strdup_printf ("^ +Signature Algorithm: %sWithRSAEncryption$", cs_digest_get_nick (sc->digest));
  assert_matches (text, signature);
  assert_matches (text, "^ +Issuer: CN = Test Root CA$");

  /* The certificate's SKID is the one the request asked for. */
  skid = csr_skid (csr);
  assert_matches (text, "^ +X509v3 Subject Key Identifier: *$");
  assert_contains (text, skid);

  /* openssl accepts it under the root, even with the strict RFC 5280 rules. */
  verify_command = g_strdup_printf ("openssl verify -x509_strict -CAfile %s %s",
                                    CS_SIGNING_ROOT_CERT_FILE, quoted_pem);
  verify = sh (verify_command);
  assert_contains (verify, ": OK\n");
}

/* Under a root without a subjectKeyIdentifier, OpenSSL 3.0 refuses
 * "authorityKeyIdentifier=keyid"; the fallback the instructions give
 * works there. */
static void
test_root_without_skid (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CsSubject) subject = example_subject ();
  g_autofree char *csr = NULL;
  g_autofree char *extensions = cs_signing_get_extensions (1);
  g_autofree char *fallback = NULL;
  g_autofree char *command = cs_signing_get_openssl_command ("sub", CS_DIGEST_SHA256, 30);
  g_autofree char *instructions = cs_signing_get_instructions ("sub", CS_DIGEST_SHA256, 1);
  g_autofree char *in_folder = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *text = NULL;
  const char *argv[] = { "/bin/sh", "-c", NULL, NULL };

  assert_contains (instructions, CS_SIGNING_AKID_FALLBACK);
  cs_test_sh ("mkdir -p noskid && cd noskid && "
              "openssl req -x509 -newkey rsa:2048 -nodes -keyout %s -out %s -subj '/CN=Old Root' -days 30 "
              "-addext subjectKeyIdentifier=none -addext authorityKeyIdentifier=none "
              "-addext basicConstraints=critical,CA:TRUE 2>/dev/null",
              CS_SIGNING_ROOT_KEY_FILE, CS_SIGNING_ROOT_CERT_FILE);
  csr = cs_csr_generate (rsa_key, subject, CS_DIGEST_SHA256, 1, &error);
  g_assert_no_error (error);
  write_tmp_file ("noskid/sub.csr", csr);
  write_tmp_file ("noskid/" CS_SIGNING_EXTFILE, extensions);

  /* The command names root.pem in the current folder: run it there. */
  in_folder = g_strdup_printf ("cd noskid && %s", command);
  argv[2] = in_folder;
  g_assert_cmpint (cs_test_spawn (argv, NULL, &out, &err), !=, 0);
  assert_contains (err, "unable to get issuer keyid");

  /* As the instructions say: the last line changed, the others kept. */
  g_assert_true (g_str_has_suffix (extensions, "\nauthorityKeyIdentifier=keyid\n"));
  fallback = g_strdup_printf ("%.*s%s\n", (int) (strlen (extensions) - strlen ("authorityKeyIdentifier=keyid\n")),
                              extensions, CS_SIGNING_AKID_FALLBACK);
  write_tmp_file ("noskid/" CS_SIGNING_EXTFILE, fallback);
  g_free (sh (in_folder));

  text = sh ("openssl x509 -in noskid/sub.pem -noout -text && "
             "openssl verify -CAfile noskid/root.pem noskid/sub.pem");
  assert_matches (text, "^ +X509v3 Authority Key Identifier: *\n +DirName:/CN=Old Root$");
  assert_matches (text, "^ +X509v3 Basic Constraints: critical\n +CA:TRUE, pathlen:1$");
  assert_contains (text, "noskid/sub.pem: OK\n");
}

/* What cs_signing_get_minimum_costs() claims of the console's minimum is
 * what openssl makes of it. */
static void
test_minimum_costs_are_true (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CsSubject) subject = example_subject ();
  g_autofree char *csr = NULL;
  g_autofree char *minimum = cs_signing_get_minimum_extensions ();
  g_autofree char *text = NULL;

  make_root ();
  csr = cs_csr_generate (ec_key, subject, CS_DIGEST_SHA256, 1, &error);
  g_assert_no_error (error);
  write_tmp_file ("minimum.csr", csr);
  write_tmp_file ("minimum.ext", minimum);

  text = sh ("openssl x509 -req -in minimum.csr -CA root.pem -CAkey root-key.pem -set_serial 7 "
             "-days 30 -sha256 -extfile minimum.ext 2>/dev/null | openssl x509 -noout -text");
  assert_matches (text, "^ +X509v3 Basic Constraints: *\n +CA:TRUE$");
  assert_matches (text, "^ +X509v3 Key Usage: *\n +Certificate Sign, CRL Sign$");
  g_assert_null (strstr (text, "pathlen"));
  g_assert_null (strstr (text, "critical"));
  /* OpenSSL 3 adds SKID and AKID by itself, as the costs text says. */
  assert_contains (text, "X509v3 Subject Key Identifier");
  assert_contains (text, "X509v3 Authority Key Identifier");
}

int
main (int   argc,
      char *argv[])
{
  static const SignCase cases[] = {
    { "intermediate", FALSE, CS_DIGEST_SHA256, 1 },
    { "corp-sub-p0", FALSE, CS_DIGEST_SHA384, 0 },
    { "ecdsa sub", TRUE, CS_DIGEST_SHA512, 0 },
    { "Bob's CA", TRUE, CS_DIGEST_SHA256, 1 },
  };
  g_autoptr(GError) error = NULL;
  int status;

  cs_test_init (&argc, &argv);

  rsa_key = cs_key_pair_generate (CS_KEY_TYPE_RSA_2048, NULL, &error);
  g_assert_no_error (error);
  ec_key = cs_key_pair_generate (CS_KEY_TYPE_EC_P256, NULL, &error);
  g_assert_no_error (error);

  g_test_add_func ("/signing/extension-lines", test_extension_lines);
  g_test_add_func ("/signing/commands-filled", test_commands_filled);
  g_test_add_func ("/signing/shell-quoting", test_shell_quoting);
  g_test_add_func ("/signing/instructions-text", test_instructions_text);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/signing/sign-as-instructed/%u", i);

      g_test_add_data_func (path, &cases[i], test_sign_as_instructed);
    }
  g_test_add_func ("/signing/minimum-costs-are-true", test_minimum_costs_are_true);
  g_test_add_func ("/signing/root-without-skid", test_root_without_skid);

  status = g_test_run ();
  g_clear_object (&rsa_key);
  g_clear_object (&ec_key);
  return status;
}
