/* cs-inspection-chain.c — the "chain" row: the chain ordered from the
 * intermediate's issuer up to the root, by name and signature
 *
 * Copyright 2026 The Chainsmith authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The chain file holds at most 16 certificates by the time it gets here
 * (cs_inspection_read_chain() refuses more), so the walk may look at every
 * certificate for every link. Each certificate is used at most once, which
 * is what ends a walk through a loop (A signs B, B signs A).
 */

#include "config.h"

#include <glib/gi18n.h>
#include <openssl/x509v3.h>

#include "cs-inspection-private.h"

typedef struct
{
  CsInspection   *insp;
  CsCheck        *check;
  STACK_OF(X509) *pool;                            /* the candidates, borrowed */
  gboolean        used[CS_INSPECTION_MAX_CHAIN + 1];
  gboolean        broken;                          /* a bad link or a loop */
  gboolean        top_self_signed;                 /* the walk ended at a root */
} Walk;

static gboolean
same_certificate (X509 *a,
                  X509 *b)
{
  return X509_cmp (a, b) == 0;
}

/* Drops the intermediate itself and duplicates, with a warning each. */
static STACK_OF(X509) *
distinct_certificates (CsInspection *insp,
                       CsCheck      *check)
{
  STACK_OF(X509) *pool = sk_X509_new_null ();
  guint duplicates = 0;
  gboolean itself = FALSE;

  for (int i = 0; i < sk_X509_num (insp->given); i++)
    {
      X509 *cert = sk_X509_value (insp->given, i);
      gboolean seen = FALSE;

      for (int j = 0; j < sk_X509_num (pool) && !seen; j++)
        seen = same_certificate (cert, sk_X509_value (pool, j));

      if (same_certificate (cert, insp->cert))
        itself = TRUE;
      else if (seen)
        duplicates++;
      else
        sk_X509_push (pool, cert);
    }

  if (itself)
    cs_check_add_finding (check, CS_CHECK_WARN,
                          _("The chain holds the intermediate certificate itself; it was dropped "
                            "from the chain."));
  if (duplicates > 0)
    cs_check_add_findingf (check, CS_CHECK_WARN,
                           ngettext ("The chain holds %u duplicate certificate; it was dropped.",
                                     "The chain holds %u duplicate certificates; they were "
                                     "dropped.", duplicates),
                           duplicates);
  return pool;
}

static gboolean
is_self_signed (X509 *cert)
{
  return X509_self_signed (cert, 1) == 1;
}

/* Whether @candidate issued @subject: its name, its key identifier (when
 * both carry one), its key usage and its signature. Sets @link_error when
 * the name matches but the link does not hold. */
static gboolean
issued_by (X509 *subject,
           X509 *candidate,
           int  *link_error)
{
  int rc;

  if (X509_NAME_cmp (X509_get_subject_name (candidate), X509_get_issuer_name (subject)) != 0)
    return FALSE;

  rc = X509_check_issued (candidate, subject);
  /* Another key of the same name (a renewed CA): not this link. */
  if (rc == X509_V_ERR_AKID_SKID_MISMATCH || rc == X509_V_ERR_AKID_ISSUER_SERIAL_MISMATCH)
    return FALSE;

  if (rc == X509_V_OK && X509_verify (subject, X509_get0_pubkey (candidate)) != 1)
    rc = X509_V_ERR_CERT_SIGNATURE_FAILURE;
  if (rc == X509_V_OK)
    return TRUE;

  *link_error = rc;
  return FALSE;
}

static int
find_issuer (Walk *walk,
             X509 *subject,
             int  *link_error)
{
  for (int i = 0; i < sk_X509_num (walk->pool); i++)
    if (!walk->used[i] && issued_by (subject, sk_X509_value (walk->pool, i), link_error))
      return i;
  return -1;
}

/* Whether the issuer of @top is already on the path: a loop. */
static gboolean
issuer_on_path (Walk *walk,
                X509 *top)
{
  int link_error = X509_V_OK;

  if (issued_by (top, walk->insp->cert, &link_error))
    return TRUE;
  for (int i = 0; i < sk_X509_num (walk->insp->issuers); i++)
    if (issued_by (top, sk_X509_value (walk->insp->issuers, i), &link_error))
      return TRUE;
  return FALSE;
}

static void
report_bad_link (Walk *walk,
                 X509 *top,
                 int   link_error)
{
  g_autofree char *label = cs_inspection_cert_label (top);
  g_autofree char *issuer = cs_inspection_name_to_string (X509_get_issuer_name (top));

  if (link_error == X509_V_ERR_CERT_SIGNATURE_FAILURE)
    cs_check_add_findingf (walk->check, CS_CHECK_FAIL,
                           _("The chain holds a certificate named “%s”, the issuer of “%s”, but "
                             "its signature on “%s” does not verify: it is another certificate "
                             "of the same name. Upload the certificate that issued it."),
                           issuer, label, label);
  else
    cs_check_add_findingf (walk->check, CS_CHECK_FAIL,
                           _("The chain holds “%s”, the issuer of “%s”, but it cannot have "
                             "issued it: %s."),
                           issuer, label, X509_verify_cert_error_string (link_error));
}

static void
report_loop (Walk *walk,
             X509 *top)
{
  g_autofree char *label = cs_inspection_cert_label (top);

  cs_check_add_findingf (walk->check, CS_CHECK_FAIL,
                         _("The chain goes round in a circle: “%s” is issued by a certificate "
                           "already below it, so it never reaches a root."),
                         label);
}

/* Follows the issuers up from the intermediate; returns the top reached.
 * Whether the top is self-signed is kept in @walk: finding out verifies its
 * signature, which is done once. */
static X509 *
walk_up (Walk *walk)
{
  X509 *top = walk->insp->cert;

  while (!is_self_signed (top))
    {
      int link_error = X509_V_OK;
      int index = find_issuer (walk, top, &link_error);

      if (index < 0)
        {
          walk->broken = TRUE;
          if (issuer_on_path (walk, top))
            report_loop (walk, top);
          else if (link_error != X509_V_OK)
            report_bad_link (walk, top, link_error);
          else
            walk->broken = FALSE;
          return top;
        }
      walk->used[index] = TRUE;
      top = sk_X509_value (walk->pool, index);
      sk_X509_push (walk->insp->issuers, top);
    }
  walk->top_self_signed = TRUE;
  return top;
}

static guint
count_unused (Walk *walk)
{
  guint unused = 0;

  for (int i = 0; i < sk_X509_num (walk->pool); i++)
    unused += walk->used[i] ? 0 : 1;
  return unused;
}

/* The certificates the other rows look at: the linked issuers, and, when
 * the chain did not reach a root, the ones not linked too (they belong to
 * the chain once its gap is closed). */
static void
collect_members (Walk     *walk,
                 gboolean  with_unused)
{
  CsInspection *insp = walk->insp;

  insp->members = sk_X509_dup (insp->issuers);
  for (int i = 0; with_unused && i < sk_X509_num (walk->pool); i++)
    if (!walk->used[i])
      sk_X509_push (insp->members, sk_X509_value (walk->pool, i));
}

static void
add_unused_details (Walk *walk)
{
  for (int i = 0; i < sk_X509_num (walk->pool); i++)
    if (!walk->used[i])
      {
        g_autofree char *label = cs_inspection_cert_label (sk_X509_value (walk->pool, i));
        g_autofree char *detail = g_strdup_printf (_("Dropped: “%s”"), label);

        cs_check_add_detail (walk->check, detail);
      }
}

static void
report_top (Walk *walk,
            X509 *top,
            guint unused)
{
  g_autofree char *label = cs_inspection_cert_label (top);
  g_autofree char *issuer = cs_inspection_name_to_string (X509_get_issuer_name (top));

  if (walk->insp->root != NULL && unused > 0)
    {
      cs_check_add_findingf (walk->check, CS_CHECK_WARN,
                             ngettext ("The chain holds %u certificate that is not part of it; it "
                                       "was dropped.",
                                       "The chain holds %u certificates that are not part of it; "
                                       "they were dropped.", unused),
                             unused);
      add_unused_details (walk);
    }
  else if (walk->insp->root == NULL && unused > 0)
    cs_check_add_findingf (walk->check, CS_CHECK_FAIL,
                           _("The chain does not link up from the intermediate: no certificate in "
                             "it issued “%s” (its issuer is “%s”). Add the missing certificate."),
                           label, issuer);
  else if (walk->insp->root == NULL)
    cs_check_add_findingf (walk->check, CS_CHECK_WARN,
                           _("The chain ends at “%s” without the root that issued it (“%s”). Add "
                             "the root to the chain, so that the dry run can be run."),
                           label, issuer);
}

static void
check_member_dates (CsInspection *insp,
                    CsCheck      *check)
{
  for (int i = 0; insp->members != NULL && i < sk_X509_num (insp->members); i++)
    {
      X509 *member = sk_X509_value (insp->members, i);
      gint64 not_before = cs_inspection_time_to_unix (X509_get0_notBefore (member));
      gint64 not_after = cs_inspection_time_to_unix (X509_get0_notAfter (member));
      g_autofree char *label = cs_inspection_cert_label (member);
      g_autofree char *from = cs_inspection_format_time (not_before);
      g_autofree char *until = cs_inspection_format_time (not_after);

      if (insp->now > not_after)
        cs_check_add_findingf (check, CS_CHECK_FAIL,
                               _("The chain member “%s” expired on %s."), label, until);
      else if (insp->now < not_before)
        cs_check_add_findingf (check, CS_CHECK_FAIL,
                               _("The chain member “%s” is not valid until %s."), label, from);
    }
}

static gboolean
is_self_issued (X509 *cert)
{
  return (X509_get_extension_flags (cert) & EXFLAG_SI) != 0;
}

/* RFC 5280 §4.2.1.9: an issuer's pathLenConstraint counts the
 * non-self-issued intermediate CA certificates that may follow it: the
 * issuers below it and this intermediate. */
static void
check_path_budget (CsInspection *insp,
                   CsCheck      *check)
{
  guint below = is_self_issued (insp->cert) ? 0 : 1;

  for (int i = 0; i < sk_X509_num (insp->issuers); i++)
    {
      X509 *issuer = sk_X509_value (insp->issuers, i);
      long allowed = X509_get_pathlen (issuer);
      g_autofree char *label = NULL;

      if (allowed >= 0 && below > (gulong) allowed)
        {
          label = cs_inspection_cert_label (issuer);
          cs_check_add_findingf (check, CS_CHECK_FAIL,
                                 ngettext ("“%s” allows %ld intermediate CA below it "
                                           "(pathlen:%ld), but the chain puts %u below it, this "
                                           "intermediate included. Clients refuse what this "
                                           "intermediate signs.",
                                           "“%s” allows %ld intermediate CAs below it "
                                           "(pathlen:%ld), but the chain puts %u below it, this "
                                           "intermediate included. Clients refuse what this "
                                           "intermediate signs.", allowed),
                                 label, allowed, allowed, below);
        }
      below += is_self_issued (issuer) ? 0 : 1;
    }
}

static void
complete_chain_row (CsInspection *insp,
                    CsCheck      *check)
{
  g_autofree char *pass = NULL;

  if (insp->root != NULL)
    {
      g_autofree char *root = cs_inspection_cert_label (insp->root);

      pass = g_strdup_printf (_("The chain links up from the intermediate to the root “%s”, and "
                                "every link verifies."), root);
    }
  cs_check_complete (check, pass);
}

static void
order_chain (CsInspection *insp,
             CsCheck      *check)
{
  Walk walk = { insp, check, NULL, { FALSE, }, FALSE, FALSE };
  X509 *top;

  walk.pool = distinct_certificates (insp, check);
  insp->issuers = sk_X509_new_null ();

  top = walk_up (&walk);
  if (top != insp->cert && walk.top_self_signed)
    insp->root = top;
  if (walk.broken)
    collect_members (&walk, TRUE);   /* a bad link or a loop: the rest is moot */
  else
    {
      report_top (&walk, top, count_unused (&walk));
      collect_members (&walk, insp->root == NULL);
    }
  sk_X509_free (walk.pool);
}

/**
 * cs_inspection_check_chain: (skip)
 *
 * The "chain" row. Orders the chain into @insp->issuers (the stored chain)
 * and @insp->members (what the other rows look at).
 */
void
cs_inspection_check_chain (CsInspection *insp)
{
  CsCheck *check = insp->rows[CS_ROW_CHAIN];

  if (!insp->chain_given)
    {
      cs_check_add_finding (check, CS_CHECK_WARN,
                            _("No chain was given, so the root is not known and the dry run "
                              "cannot be run. Upload the chain of issuers up to the root."));
    }
  else if (insp->given != NULL && insp->cert == NULL)
    {
      insp->members = sk_X509_dup (insp->given);
      cs_check_set_not_checked (check, _("The order of the chain was not checked, because the "
                                         "certificate could not be read."));
      check_member_dates (insp, check);
    }
  else if (insp->given != NULL)
    {
      order_chain (insp, check);
      check_member_dates (insp, check);
      check_path_budget (insp, check);
    }

  complete_chain_row (insp, check);
}
