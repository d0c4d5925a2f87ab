/* cs-signing.c — how to have a request signed so that the result passes every check
 *
 * Copyright 2026 The Chainsmith authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "cs-signing.h"

/**
 * SECTION:cs-signing
 * @title: Signing instructions
 *
 * The texts of the CSR tab and of `chainsmith-cli csr` that tell the admin
 * how to have the request signed by the organisation's CA: with OpenSSL,
 * with the extension lines that make the certificate pass every upload
 * check with no warning; the console's own minimum and what it costs; and
 * with Active Directory Certificate Services.
 *
 * A CSR file name is the record's CSR File Name: the request is saved as
 * `<name>.csr` (a name that already ends in ".csr" is taken without it) and
 * the signed certificate is asked for as `<name>.pem` (OpenSSL) or
 * `<name>.cer` (certreq).
 */

static char *
file_base_name (const char *csr_file_name)
{
  if (g_str_has_suffix (csr_file_name, ".csr") && strlen (csr_file_name) > 4)
    return g_strndup (csr_file_name, strlen (csr_file_name) - 4);
  return g_strdup (csr_file_name);
}

/* Quotes for a POSIX shell only when needed, so that the usual names read
 * as typed. */
static char *
shell_quote (const char *word)
{
  for (const char *p = word; *p; p++)
    if (!g_ascii_isalnum (*p) && strchr ("_.,/:=@%+-", *p) == NULL)
      return g_shell_quote (word);
  return g_strdup (word);
}

/* Quotes for cmd.exe and certreq: double quotes around a name with a space
 * or a character cmd.exe interprets (a Windows file name has no '"'). */
static char *
windows_quote (const char *word)
{
  if (strpbrk (word, " \t&|<>^()%!,;=") != NULL)
    return g_strdup_printf ("\"%s\"", word);
  return g_strdup (word);
}

static char *
file_name (const char *csr_file_name,
           const char *extension)
{
  g_autofree char *base = file_base_name (csr_file_name);

  return g_strconcat (base, extension, NULL);
}

/**
 * cs_signing_get_extensions:
 * @path_length: the path length constraint of the request: 0 or 1
 *
 * Returns: (transfer full): the OpenSSL extension file (`-extfile`) that
 *   makes the signed certificate pass every check with no warning, one
 *   line per extension, each ending in a newline
 */
char *
cs_signing_get_extensions (guint path_length)
{
  g_return_val_if_fail (path_length <= 1, NULL);

  return g_strdup_printf ("basicConstraints=critical,CA:TRUE,pathlen:%u\n"
                          "keyUsage=critical,keyCertSign,cRLSign\n"
                          "subjectKeyIdentifier=hash\n"
                          "authorityKeyIdentifier=keyid\n",
                          path_length);
}

/**
 * cs_signing_get_openssl_command:
 * @csr_file_name: the record's CSR File Name
 * @digest: the digest the CA should sign with
 * @days: the validity of the certificate, in days
 *
 * The command expects the root CA's certificate in %CS_SIGNING_ROOT_CERT_FILE,
 * its key in %CS_SIGNING_ROOT_KEY_FILE and the lines of
 * cs_signing_get_extensions() in %CS_SIGNING_EXTFILE. The file names taken
 * from @csr_file_name are quoted for a POSIX shell where they need it.
 *
 * Returns: (transfer full): the `openssl x509 -req` command line, without
 *   a newline, such as `openssl x509 -req -in NAME.csr -CA root.pem
 *   -CAkey root-key.pem -CAcreateserial -days 1825 -sha256
 *   -extfile intermediate.ext -out NAME.pem`
 */
char *
cs_signing_get_openssl_command (const char *csr_file_name,
                                CsDigest    digest,
                                guint       days)
{
  g_autofree char *csr = NULL;
  g_autofree char *pem = NULL;
  g_autofree char *in = NULL;
  g_autofree char *out = NULL;

  g_return_val_if_fail (csr_file_name != NULL && *csr_file_name != '\0', NULL);
  g_return_val_if_fail ((guint) digest < CS_N_DIGESTS, NULL);
  g_return_val_if_fail (days > 0, NULL);

  csr = file_name (csr_file_name, ".csr");
  pem = file_name (csr_file_name, ".pem");
  in = shell_quote (csr);
  out = shell_quote (pem);

  return g_strdup_printf ("openssl x509 -req -in %s -CA %s -CAkey %s -CAcreateserial"
                          " -days %u -%s -extfile %s -out %s",
                          in, CS_SIGNING_ROOT_CERT_FILE, CS_SIGNING_ROOT_KEY_FILE,
                          days, cs_digest_get_nick (digest), CS_SIGNING_EXTFILE, out);
}

/**
 * cs_signing_get_minimum_extensions:
 *
 * Returns: (transfer full): the console's minimum extension lines,
 *   "basicConstraints=CA:TRUE" and "keyUsage=keyCertSign, cRLSign", each
 *   ending in a newline
 */
char *
cs_signing_get_minimum_extensions (void)
{
  return g_strdup ("basicConstraints=CA:TRUE\n"
                   "keyUsage=keyCertSign, cRLSign\n");
}

/**
 * cs_signing_get_minimum_costs:
 *
 * Returns: (transfer full): what a certificate signed with only the
 *   minimum lines costs: the warnings the upload checks give for it
 */
char *
cs_signing_get_minimum_costs (void)
{
  GString *str = g_string_new (NULL);

  g_string_append (str, _("A certificate signed with only these lines is accepted, with these warnings:"));
  g_string_append_c (str, '\n');
  g_string_append_printf (str, "• %s\n",
                          _("Basic constraints are not marked critical, as RFC 5280 requires of a CA certificate."));
  g_string_append_printf (str, "• %s\n",
                          _("Key usage is not marked critical."));
  g_string_append_printf (str, "• %s\n",
                          _("No path length constraint: the path length check warns, and the intermediate could sign further CA certificates."));
  g_string_append_printf (str, "• %s\n",
                          _("Without subjectKeyIdentifier and authorityKeyIdentifier lines, clients link the certificate to its issuer by name alone, which breaks when the root is renewed under the same name. (OpenSSL 3 adds both when the extension file does not mention them; other tools may not.)"));
  return g_string_free (str, FALSE);
}

/**
 * cs_signing_get_adcs_command:
 * @csr_file_name: the record's CSR File Name
 *
 * Returns: (transfer full): the Active Directory Certificate Services
 *   command (`certreq -submit -attrib "CertificateTemplate:SubCA" NAME.csr
 *   NAME.cer`) on its first line, then a note that the DER `.cer` it writes
 *   is accepted as it is
 */
char *
cs_signing_get_adcs_command (const char *csr_file_name)
{
  g_autofree char *csr = NULL;
  g_autofree char *cer = NULL;
  g_autofree char *in = NULL;
  g_autofree char *out = NULL;
  g_autofree char *note = NULL;

  g_return_val_if_fail (csr_file_name != NULL && *csr_file_name != '\0', NULL);

  csr = file_name (csr_file_name, ".csr");
  cer = file_name (csr_file_name, ".cer");
  in = windows_quote (csr);
  out = windows_quote (cer);
  note = g_strdup_printf (_("certreq writes %s in DER: upload it as it is, there is no need to convert or rename it to .pem."),
                          cer);

  return g_strdup_printf ("certreq -submit -attrib \"CertificateTemplate:SubCA\" %s %s\n%s\n",
                          in, out, note);
}

static void
append_paragraph (GString    *str,
                  const char *text)
{
  g_string_append (str, text);
  g_string_append (str, "\n\n");
}

static void
append_openssl (GString    *str,
                const char *csr_file_name,
                CsDigest    digest,
                guint       path_length)
{
  g_autofree char *extensions = cs_signing_get_extensions (path_length);
  g_autofree char *command = cs_signing_get_openssl_command (csr_file_name, digest, CS_SIGNING_DEFAULT_DAYS);
  g_autofree char *pem = file_name (csr_file_name, ".pem");
  g_autofree char *step1 = NULL;
  g_autofree char *step2 = NULL;
  g_autofree char *step3 = NULL;
  g_autofree char *no_keyid = NULL;

  step1 = g_strdup_printf (_("1. Save these lines as %s:"), CS_SIGNING_EXTFILE);
  step2 = g_strdup_printf (_("2. Run this command, with %s and %s standing for the root CA’s certificate and private key. Choose -days so that the certificate expires before the root CA does, or the upload warns that it outlives its issuer."),
                           CS_SIGNING_ROOT_CERT_FILE, CS_SIGNING_ROOT_KEY_FILE);
  /* OpenSSL 3.0 refuses "authorityKeyIdentifier=keyid" under an issuer
   * without a subjectKeyIdentifier; "keyid,issuer" falls back to the
   * issuer's name and serial number there, and is the same otherwise. */
  no_keyid = g_strdup_printf (_("If openssl stops with “unable to get issuer keyid”, the root CA certificate has no subject key identifier: change the last line of %s to “%s” and run the command again."),
                              CS_SIGNING_EXTFILE, CS_SIGNING_AKID_FALLBACK);
  step3 = g_strdup_printf (_("3. Upload %s as the intermediate certificate, and %s (after any CA certificates between them) as the certificate chain: without the root, the dry run cannot be run and the upload warns."),
                           pem, CS_SIGNING_ROOT_CERT_FILE);

  append_paragraph (str, _("With OpenSSL, on the machine that holds the root CA:"));
  append_paragraph (str, step1);
  g_string_append (str, extensions);
  g_string_append_c (str, '\n');
  append_paragraph (str, step2);
  append_paragraph (str, command);
  append_paragraph (str, no_keyid);
  append_paragraph (str, step3);
}

static void
append_minimum (GString *str)
{
  g_autofree char *minimum = cs_signing_get_minimum_extensions ();
  g_autofree char *costs = cs_signing_get_minimum_costs ();

  append_paragraph (str, _("The minimum the CA must set, as the cloud console documents it:"));
  g_string_append (str, minimum);
  g_string_append_c (str, '\n');
  g_string_append (str, costs);
  g_string_append_c (str, '\n');
}

static void
append_adcs (GString    *str,
             const char *csr_file_name)
{
  g_autofree char *command = cs_signing_get_adcs_command (csr_file_name);

  append_paragraph (str, _("With Active Directory Certificate Services, using the Subordinate Certification Authority (SubCA) template:"));
  g_string_append (str, command);
  g_string_append_c (str, '\n');
  append_paragraph (str, _("The SubCA template sets no path length constraint unless the CA’s policy (CAPolicy.inf) gives one, so the path length check may warn."));
}

/**
 * cs_signing_get_instructions:
 * @csr_file_name: the record's CSR File Name
 * @digest: the digest of the request, which the CA should sign with too
 * @path_length: the path length constraint of the request: 0 or 1
 *
 * The whole text, translated, for the CSR tab and the command line: the
 * OpenSSL way (extension file, command, upload), the console's minimum with
 * what it costs, and the Active Directory Certificate Services way.
 *
 * Returns: (transfer full): the instructions, paragraphs separated by an
 *   empty line
 */
char *
cs_signing_get_instructions (const char *csr_file_name,
                             CsDigest    digest,
                             guint       path_length)
{
  g_autofree char *csr = NULL;
  g_autofree char *intro = NULL;
  GString *str;

  g_return_val_if_fail (csr_file_name != NULL && *csr_file_name != '\0', NULL);
  g_return_val_if_fail ((guint) digest < CS_N_DIGESTS, NULL);
  g_return_val_if_fail (path_length <= 1, NULL);

  csr = file_name (csr_file_name, ".csr");
  intro = g_strdup_printf (_("Have %s signed by your CA as a subordinate (intermediate) certification authority. Signed as below, the certificate passes every check of the upload with no warning."),
                           csr);

  str = g_string_new (NULL);
  append_paragraph (str, intro);
  append_openssl (str, csr_file_name, digest, path_length);
  append_minimum (str);
  append_adcs (str, csr_file_name);

  g_string_truncate (str, str->len - 1);
  return g_string_free (str, FALSE);
}
