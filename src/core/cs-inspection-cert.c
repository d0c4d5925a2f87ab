/* cs-inspection-cert.c — the rows about the certificate itself: key,
 * subject, CA, key usage, path length
 *
 * Copyright 2026 The Chainsmith authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * X509_verify_cert() checks none of these for the intermediate as a person
 * means them (its CA flag, its pathlen value, cRLSign, its CN, the key it
 * was issued for), so each is checked explicitly.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <openssl/x509v3.h>

#include "cs-inspection-private.h"
#include "cs-key-pair-private.h"

/**
 * cs_inspection_check_key: (skip)
 *
 * The "key" row: the certificate must be issued for the record's key.
 */
void
cs_inspection_check_key (CsInspection *insp)
{
  CsCheck *check = insp->rows[CS_ROW_KEY];

  /* A key OpenSSL cannot decode is no match (and no NULL for _matches()). */
  if (X509_get0_pubkey (insp->cert) == NULL ||
      !cs_key_pair_matches (insp->key_pair, X509_get0_pubkey (insp->cert)))
    cs_check_add_finding (check, CS_CHECK_FAIL,
                          _("The certificate and the key do not match: the certificate was issued "
                            "for another key than this record’s key pair. Upload the certificate "
                            "your CA issued for this record’s request."));

  cs_check_complete (check, _("The certificate’s public key is this record’s key pair."));
}

/* The values of one attribute type, in the order of the name, joined. */
static char *
name_values (const X509_NAME *name,
             int              nid)
{
  g_autoptr(GString) values = NULL;
  int i = -1;

  while ((i = X509_NAME_get_index_by_NID (name, nid, i)) >= 0)
    {
      const ASN1_STRING *data = X509_NAME_ENTRY_get_data (X509_NAME_get_entry (name, i));
      unsigned char *utf8 = NULL;
      int len = ASN1_STRING_to_UTF8 (&utf8, data);

      if (values == NULL)
        values = g_string_new (NULL);
      else
        g_string_append (values, " + ");
      if (len >= 0)
        g_string_append_len (values, (const char *) utf8, len);
      OPENSSL_free (utf8);
    }

  return values != NULL ? g_string_free (g_steal_pointer (&values), FALSE) : NULL;
}

static const char *
attribute_label (int nid)
{
  const char *sn = OBJ_nid2sn (nid);

  return sn != NULL ? sn : "?";
}

static void
compare_attribute (CsCheck         *check,
                   const X509_NAME *requested,
                   const X509_NAME *issued,
                   int              nid)
{
  g_autofree char *want = name_values (requested, nid);
  g_autofree char *have = name_values (issued, nid);

  if (g_strcmp0 (want, have) == 0)
    return;

  if (want == NULL)
    cs_check_add_findingf (check, CS_CHECK_WARN,
                           _("The certificate adds %s “%s”, which the request does not have."),
                           attribute_label (nid), have);
  else if (have == NULL)
    cs_check_add_findingf (check, CS_CHECK_WARN,
                           _("The certificate lacks the request’s %s “%s”."),
                           attribute_label (nid), want);
  else
    cs_check_add_findingf (check, CS_CHECK_WARN,
                           _("The certificate’s %s is “%s”, the request’s “%s”."),
                           attribute_label (nid), have, want);
}

/* Every attribute type but CN, of either name, each once, in order. */
static GArray *
other_attribute_types (const X509_NAME *a,
                       const X509_NAME *b)
{
  GArray *nids = g_array_new (FALSE, FALSE, sizeof (int));
  const X509_NAME *names[] = { a, b };

  for (guint n = 0; n < G_N_ELEMENTS (names); n++)
    for (int i = 0; i < X509_NAME_entry_count (names[n]); i++)
      {
        int nid = OBJ_obj2nid (X509_NAME_ENTRY_get_object (X509_NAME_get_entry (names[n], i)));
        gboolean seen = nid == NID_commonName;

        for (guint j = 0; j < nids->len && !seen; j++)
          seen = g_array_index (nids, int, j) == nid;
        if (!seen)
          g_array_append_val (nids, nid);
      }

  return nids;
}

/**
 * cs_inspection_check_subject: (skip)
 *
 * The "subject" row: the CN must be the request's; other attributes that
 * differ (a CA may rewrite them) are warnings.
 */
void
cs_inspection_check_subject (CsInspection *insp)
{
  CsCheck *check = insp->rows[CS_ROW_SUBJECT];
  const X509_NAME *requested;
  const X509_NAME *issued = X509_get_subject_name (insp->cert);
  g_autofree char *want = NULL;
  g_autofree char *have = NULL;
  g_autoptr(GArray) nids = NULL;

  if (insp->csr == NULL)
    {
      cs_check_set_not_checked (check, _("Not checked, because this record’s request could not be "
                                         "read."));
      cs_check_complete (check, NULL);
      return;
    }

  requested = X509_REQ_get_subject_name (insp->csr);
  want = name_values (requested, NID_commonName);
  have = name_values (issued, NID_commonName);
  if (g_strcmp0 (want, have) != 0)
    cs_check_add_findingf (check, CS_CHECK_FAIL,
                           _("The certificate is issued to “%s”, but the request asked for “%s”. "
                             "Upload the certificate your CA issued for this request."),
                           have != NULL ? have : _("no common name"), want != NULL ? want : "");

  nids = other_attribute_types (requested, issued);
  for (guint i = 0; i < nids->len; i++)
    compare_attribute (check, requested, issued, g_array_index (nids, int, i));

  cs_check_complete (check, _("The subject is the one the request asked for."));
}

/**
 * cs_inspection_check_ca: (skip)
 *
 * The "ca" row: basicConstraints present, critical, CA:TRUE.
 */
void
cs_inspection_check_ca (CsInspection *insp)
{
  CsCheck *check = insp->rows[CS_ROW_CA];
  BASIC_CONSTRAINTS *bc;
  int critical = -1;

  bc = X509_get_ext_d2i (insp->cert, NID_basic_constraints, &critical, NULL);
  if (bc == NULL && critical == -1)
    cs_check_add_finding (check, CS_CHECK_FAIL,
                          _("The certificate is not a CA: it has no basicConstraints. Ask your CA "
                            "to sign the request as a Subordinate CA."));
  else if (bc == NULL)
    cs_check_add_finding (check, CS_CHECK_FAIL,
                          _("The certificate’s basicConstraints cannot be read. Ask your CA to "
                            "sign the request again, as a Subordinate CA."));
  else if (!bc->ca)
    cs_check_add_finding (check, CS_CHECK_FAIL,
                          _("The certificate is not a CA (basicConstraints CA:FALSE). Ask your CA "
                            "to sign the request as a Subordinate CA."));
  else if (!critical)
    cs_check_add_finding (check, CS_CHECK_WARN,
                          _("basicConstraints is not marked critical, as RFC 5280 requires of a "
                            "CA; strict clients may refuse the certificate. Ask your CA for "
                            "basicConstraints=critical,CA:TRUE."));
  BASIC_CONSTRAINTS_free (bc);

  cs_check_complete (check, _("The certificate is a CA (basicConstraints critical, CA:TRUE)."));
}

static gboolean
extension_is_critical (X509 *cert,
                       int   nid)
{
  int index = X509_get_ext_by_NID (cert, nid, -1);

  return index >= 0 && X509_EXTENSION_get_critical (X509_get_ext (cert, index));
}

/**
 * cs_inspection_check_key_usage: (skip)
 *
 * The "key-usage" row: keyCertSign required; cRLSign and criticality
 * expected.
 */
void
cs_inspection_check_key_usage (CsInspection *insp)
{
  CsCheck *check = insp->rows[CS_ROW_KEY_USAGE];
  uint32_t usage = X509_get_key_usage (insp->cert);

  if ((X509_get_extension_flags (insp->cert) & EXFLAG_KUSAGE) == 0)
    {
      cs_check_add_finding (check, CS_CHECK_FAIL,
                            _("The certificate has no keyUsage, so keyCertSign is absent. Ask your "
                              "CA for keyUsage=critical,keyCertSign,cRLSign."));
      cs_check_complete (check, NULL);
      return;
    }

  if ((usage & KU_KEY_CERT_SIGN) == 0)
    cs_check_add_finding (check, CS_CHECK_FAIL,
                          _("The certificate may not sign certificates: its keyUsage lacks "
                            "keyCertSign. Ask your CA for keyUsage=critical,keyCertSign,cRLSign."));
  if ((usage & KU_CRL_SIGN) == 0)
    cs_check_add_finding (check, CS_CHECK_WARN,
                          _("The certificate may not sign revocation lists: its keyUsage lacks "
                            "cRLSign."));
  if (!extension_is_critical (insp->cert, NID_key_usage))
    cs_check_add_finding (check, CS_CHECK_WARN,
                          _("keyUsage is not marked critical, as it should be for a CA."));

  cs_check_complete (check, _("keyUsage is critical and allows signing certificates (keyCertSign) "
                              "and revocation lists (cRLSign)."));
}

/**
 * cs_inspection_check_path_length: (skip)
 *
 * The "path-length" row: the issued pathlen should be the requested one.
 */
void
cs_inspection_check_path_length (CsInspection *insp)
{
  CsCheck *check = insp->rows[CS_ROW_PATH_LENGTH];
  long issued = X509_get_pathlen (insp->cert);
  g_autofree char *pass = NULL;

  if (issued < 0)
    cs_check_add_findingf (check, CS_CHECK_WARN,
                           _("The certificate has no path length constraint, although the request "
                             "asked for pathlen:%u: it could issue further intermediate CAs "
                             "without limit."),
                           insp->requested_path_length);
  else if (issued != (long) insp->requested_path_length)
    cs_check_add_findingf (check, CS_CHECK_WARN,
                           _("The certificate’s path length constraint is %ld, but the request "
                             "asked for %u."),
                           issued, insp->requested_path_length);

  pass = g_strdup_printf (_("The path length constraint is %u, as requested."),
                          insp->requested_path_length);
  cs_check_complete (check, pass);
}
