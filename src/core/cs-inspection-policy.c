/* cs-inspection-policy.c — the rows that look at the certificate and the
 * chain alike: validity, algorithms, EKU, name constraints
 *
 * Copyright 2026 The Chainsmith authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <openssl/bio.h>
#include <openssl/x509v3.h>

#include "cs-inspection-private.h"

#define EXPIRY_WARNING_DAYS 30

/* The certificate that expires first among the intermediate's issuers. */
static X509 *
first_expiring_issuer (CsInspection *insp)
{
  X509 *first = NULL;

  for (int i = 0; insp->issuers != NULL && i < sk_X509_num (insp->issuers); i++)
    {
      X509 *issuer = sk_X509_value (insp->issuers, i);

      if (first == NULL ||
          ASN1_TIME_compare (X509_get0_notAfter (issuer), X509_get0_notAfter (first)) < 0)
        first = issuer;
    }
  return first;
}

static void
check_outlives_issuer (CsInspection *insp,
                       gint64        not_after)
{
  X509 *issuer = first_expiring_issuer (insp);
  gint64 issuer_not_after;
  g_autofree char *label = NULL;
  g_autofree char *ends = NULL;
  g_autofree char *issuer_ends = NULL;

  if (issuer == NULL)
    return;
  issuer_not_after = cs_inspection_time_to_unix (X509_get0_notAfter (issuer));
  if (not_after <= issuer_not_after)
    return;

  label = cs_inspection_cert_label (issuer);
  ends = cs_inspection_format_time (not_after);
  issuer_ends = cs_inspection_format_time (issuer_not_after);
  cs_check_add_findingf (insp->rows[CS_ROW_VALIDITY], CS_CHECK_WARN,
                         _("The certificate is valid until %s, but its issuer “%s” expires on %s: "
                           "from then on, clients refuse what it signs."),
                         ends, label, issuer_ends);
}

/**
 * cs_inspection_check_validity: (skip)
 *
 * The "validity" row, at the inspection's time.
 */
void
cs_inspection_check_validity (CsInspection *insp)
{
  CsCheck *check = insp->rows[CS_ROW_VALIDITY];
  gint64 not_before = cs_inspection_time_to_unix (X509_get0_notBefore (insp->cert));
  gint64 not_after = cs_inspection_time_to_unix (X509_get0_notAfter (insp->cert));
  g_autofree char *from = cs_inspection_format_time (not_before);
  g_autofree char *until = cs_inspection_format_time (not_after);
  g_autofree char *pass = NULL;

  if (insp->now < not_before)
    cs_check_add_findingf (check, CS_CHECK_FAIL,
                           _("The certificate is not valid yet: it becomes valid on %s."), from);
  else if (insp->now > not_after)
    cs_check_add_findingf (check, CS_CHECK_FAIL,
                           _("The certificate expired on %s."), until);
  else if (not_after - insp->now < EXPIRY_WARNING_DAYS * 24 * 3600)
    cs_check_add_findingf (check, CS_CHECK_WARN,
                           _("The certificate expires soon, on %s. Ask your CA for a longer "
                             "validity, or plan its renewal now."), until);

  check_outlives_issuer (insp, not_after);

  pass = g_strdup_printf (_("Valid from %s until %s."), from, until);
  cs_check_complete (check, pass);
}

/* The certificate first, then the chain members, for the rows that look at
 * all of them. */
static GPtrArray *
all_certificates (CsInspection *insp)
{
  GPtrArray *certs = g_ptr_array_new ();

  if (insp->cert != NULL)
    g_ptr_array_add (certs, insp->cert);
  for (int i = 0; insp->members != NULL && i < sk_X509_num (insp->members); i++)
    g_ptr_array_add (certs, sk_X509_value (insp->members, i));
  return certs;
}

static void
check_signature_digest (CsCheck *check,
                        X509    *cert)
{
  int md_nid = NID_undef;
  g_autofree char *label = NULL;

  if (!X509_get_signature_info (cert, &md_nid, NULL, NULL, NULL))
    return;
  if (md_nid != NID_md5 && md_nid != NID_sha1 && md_nid != NID_md5_sha1 &&
      md_nid != NID_md4 && md_nid != NID_md2)
    return;

  label = cs_inspection_cert_label (cert);
  cs_check_add_findingf (check, CS_CHECK_FAIL,
                         _("“%s” is signed with %s, which is broken and refused by clients; it "
                           "must be signed with SHA-256 or stronger."),
                         label, OBJ_nid2sn (md_nid));
}

static void
check_key_strength (CsCheck *check,
                    X509    *cert)
{
  EVP_PKEY *key = X509_get0_pubkey (cert);
  int bits = key != NULL ? EVP_PKEY_get_bits (key) : 0;
  g_autofree char *label = NULL;

  if (key == NULL)
    return;

  label = cs_inspection_cert_label (cert);
  if ((EVP_PKEY_is_a (key, "RSA") || EVP_PKEY_is_a (key, "RSA-PSS") ||
       EVP_PKEY_is_a (key, "DSA")) && bits < 2048)
    cs_check_add_findingf (check, CS_CHECK_FAIL,
                           _("“%s” has a key of %d bits (%s); clients refuse RSA and DSA keys "
                             "under 2048 bits."),
                           label, bits, EVP_PKEY_get0_type_name (key));
  else if (EVP_PKEY_is_a (key, "EC") && bits < 256)
    cs_check_add_findingf (check, CS_CHECK_FAIL,
                           _("“%s” has an EC key of %d bits; clients refuse EC keys under 256 "
                             "bits."),
                           label, bits);
}

/**
 * cs_inspection_check_algorithms: (skip)
 *
 * The "algorithms" row: no MD5/SHA-1 signature and no weak key on the
 * certificate or any chain member.
 */
void
cs_inspection_check_algorithms (CsInspection *insp)
{
  CsCheck *check = insp->rows[CS_ROW_ALGORITHMS];
  g_autoptr(GPtrArray) certs = all_certificates (insp);

  for (guint i = 0; i < certs->len; i++)
    {
      check_signature_digest (check, g_ptr_array_index (certs, i));
      check_key_strength (check, g_ptr_array_index (certs, i));
    }

  cs_check_complete (check, _("Every signature uses SHA-256 or stronger, and every key is strong "
                              "enough."));
}

/**
 * cs_inspection_eku_state: (skip)
 * @cert: a certificate
 * @names: (out) (optional): the EKU's purposes, comma-separated, or %NULL
 *
 * Returns: what the certificate's extendedKeyUsage means for TLS servers
 */
CsEkuState
cs_inspection_eku_state (X509  *cert,
                         char **names)
{
  EXTENDED_KEY_USAGE *eku = X509_get_ext_d2i (cert, NID_ext_key_usage, NULL, NULL);
  g_autoptr(GString) list = g_string_new (NULL);
  gboolean server = FALSE;
  gboolean any = FALSE;

  if (names != NULL)
    *names = NULL;
  if (eku == NULL)
    return CS_EKU_ABSENT;

  for (int i = 0; i < sk_ASN1_OBJECT_num (eku); i++)
    {
      ASN1_OBJECT *object = sk_ASN1_OBJECT_value (eku, i);
      int nid = OBJ_obj2nid (object);
      char text[128];

      server |= nid == NID_server_auth;
      any |= nid == NID_anyExtendedKeyUsage;
      if (nid != NID_undef)
        g_strlcpy (text, OBJ_nid2sn (nid), sizeof text);
      else
        OBJ_obj2txt (text, sizeof text, object, 1);
      g_string_append_printf (list, "%s%s", i > 0 ? ", " : "", text);
    }
  EXTENDED_KEY_USAGE_free (eku);

  if (names != NULL)
    *names = g_string_free (g_steal_pointer (&list), FALSE);
  return server ? CS_EKU_SERVER : any ? CS_EKU_ANY_ONLY : CS_EKU_OTHER;
}

static void
check_eku_of (CsCheck  *check,
              X509     *cert,
              gboolean  is_intermediate)
{
  g_autofree char *names = NULL;
  g_autofree char *label = cs_inspection_cert_label (cert);

  switch (cs_inspection_eku_state (cert, &names))
    {
    case CS_EKU_ABSENT:
    case CS_EKU_SERVER:
      break;
    case CS_EKU_ANY_ONLY:
      if (is_intermediate)
        cs_check_add_finding (check, CS_CHECK_WARN,
                              _("The certificate’s extendedKeyUsage allows anyExtendedKeyUsage but "
                                "not serverAuth; some clients, OpenSSL among them, refuse the "
                                "server certificates it signs. Ask your CA for serverAuth, or for "
                                "no extendedKeyUsage."));
      else
        cs_check_add_findingf (check, CS_CHECK_WARN,
                               _("The chain member “%s” allows anyExtendedKeyUsage but not "
                                 "serverAuth; some clients, OpenSSL among them, refuse the server "
                                 "certificates below it."),
                               label);
      break;
    case CS_EKU_OTHER:
      if (is_intermediate)
        cs_check_add_findingf (check, CS_CHECK_FAIL,
                               _("The certificate’s extendedKeyUsage (%s) lacks serverAuth, so "
                                 "clients refuse the server certificates it signs. Ask your CA "
                                 "for serverAuth, or for no extendedKeyUsage."),
                               names);
      else
        cs_check_add_findingf (check, CS_CHECK_FAIL,
                               _("The chain member “%s” limits extendedKeyUsage to %s, without "
                                 "serverAuth, so clients refuse the server certificates below it."),
                               label, names);
      break;
    default:
      g_assert_not_reached ();
    }
}

/**
 * cs_inspection_check_eku: (skip)
 *
 * The "eku" row: an extendedKeyUsage, on the certificate or a chain member,
 * must allow serverAuth.
 */
void
cs_inspection_check_eku (CsInspection *insp)
{
  CsCheck *check = insp->rows[CS_ROW_EKU];
  g_autoptr(GPtrArray) certs = all_certificates (insp);

  for (guint i = 0; i < certs->len; i++)
    check_eku_of (check, g_ptr_array_index (certs, i), g_ptr_array_index (certs, i) == insp->cert);

  cs_check_complete (check, _("Nothing limits the certificate to purposes other than TLS "
                              "servers."));
}

/* The extension as OpenSSL prints it, on one line: "Permitted: DNS:example.com" */
static char *
extension_to_text (X509_EXTENSION *extension)
{
  BIO *bio = BIO_new (BIO_s_mem ());
  GString *line = g_string_new (NULL);
  char *data = NULL;
  long length;

  X509V3_EXT_print (bio, extension, 0, 0);
  length = BIO_get_mem_data (bio, &data);
  for (long i = 0; i < length; i++)
    {
      char c = g_ascii_isspace (data[i]) ? ' ' : data[i];

      if (c != ' ' || (line->len > 0 && line->str[line->len - 1] != ' '))
        g_string_append_c (line, c);
    }
  BIO_free (bio);
  return g_strchomp (g_string_free (line, FALSE));
}

/**
 * cs_inspection_check_name_constraints: (skip)
 *
 * The "name-constraints" row: name constraints anywhere are a warning.
 */
void
cs_inspection_check_name_constraints (CsInspection *insp)
{
  CsCheck *check = insp->rows[CS_ROW_NAME_CONSTRAINTS];
  g_autoptr(GPtrArray) certs = all_certificates (insp);

  for (guint i = 0; i < certs->len; i++)
    {
      X509 *cert = g_ptr_array_index (certs, i);
      int index = X509_get_ext_by_NID (cert, NID_name_constraints, -1);
      g_autofree char *label = NULL;
      g_autofree char *text = NULL;

      if (index < 0)
        continue;

      label = cs_inspection_cert_label (cert);
      if (cert == insp->cert)
        cs_check_add_finding (check, CS_CHECK_WARN,
                              _("The certificate carries name constraints; sites outside them "
                                "will fail inspection."));
      else
        cs_check_add_findingf (check, CS_CHECK_WARN,
                               _("The chain member “%s” carries name constraints; sites outside "
                                 "them will fail inspection."),
                               label);
      text = extension_to_text (X509_get_ext (cert, index));
      cs_check_add_detail (check, text);
      insp->name_constraints_warned = TRUE;
    }

  cs_check_complete (check, _("No name constraints: the intermediate can inspect every site."));
}
