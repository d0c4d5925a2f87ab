/* fuzz-csr.c — cs_csr_info_new_from_pem() on any bytes
 *
 * Copyright 2026 The Chainsmith authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A request is decoded for display: every getter is read, and every text
 * must be valid UTF-8, since the editor shows it.
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "cs-csr.h"
#include "cs-error.h"
#include "fuzz-common.h"

static void
check_info (const CsCsrInfo *info)
{
  const char * const *extensions = cs_csr_info_get_extensions (info);
  const CsSubject *subject = cs_csr_info_get_subject (info);
  g_autofree char *text = cs_csr_info_to_text (info);
  g_autofree char *subject_text = cs_subject_to_string (subject);
  CsDigest digest;

  fuzz_assert_utf8 ("the request's PEM", cs_csr_info_get_pem (info));
  fuzz_assert_utf8 ("the request as text", text);
  fuzz_assert_utf8 ("the subject", cs_csr_info_get_subject_string (info));
  fuzz_assert_utf8 ("the subject fields", subject_text);
  for (guint i = 0; i < CS_N_SUBJECT_FIELDS; i++)
    fuzz_assert_utf8 ("a subject field", cs_subject_get (subject, i));
  fuzz_assert_utf8 ("the key", cs_csr_info_get_key_description (info));
  fuzz_assert_utf8 ("the fingerprint", cs_csr_info_get_key_fingerprint (info));
  fuzz_assert_utf8 ("the digest", cs_csr_info_get_digest_label (info));
  for (guint i = 0; extensions != NULL && extensions[i] != NULL; i++)
    fuzz_assert_utf8 ("an extension", extensions[i]);
  (void) cs_csr_info_get_signature_valid (info);
  (void) cs_csr_info_get_digest (info, &digest);
  (void) cs_csr_info_get_path_length (info);
  (void) cs_csr_info_get_is_ca (info);
  (void) cs_csr_info_matches_key (info, fuzz_get_key_pair ());
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CsCsrInfo) info = NULL;

  fuzz_init ();
  info = cs_csr_info_new_from_pem ((const char *) data, size, &error);
  if (info != NULL)
    {
      check_info (info);
      return 0;
    }
  if (error == NULL || error->domain != CS_ERROR ||
      (error->code != CS_ERROR_INVALID_CSR && error->code != CS_ERROR_TOO_LARGE))
    {
      fprintf (stderr, "fuzz: no request, and not the documented error\n");
      abort ();
    }
  fuzz_assert_utf8 ("the error message", error->message);
  return 0;
}
