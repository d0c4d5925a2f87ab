/* fuzz-upload-chain.c — the upload checks on any chain bytes
 *
 * Copyright 2026 The Chainsmith authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The certificate is the fixture's valid intermediate; the input is the
 * uploaded chain file.
 */

#include "config.h"

#include <string.h>

#include "fuzz-common.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  const char *pem = fuzz_get_certificate_pem ();
  g_autoptr(GBytes) certificate = g_bytes_new_static (pem, strlen (pem));
  g_autoptr(GBytes) chain = g_bytes_new (data, size);
  g_autoptr(CsInspectionReport) report = NULL;

  fuzz_init ();
  report = cs_inspect (fuzz_get_key_pair (), fuzz_get_csr_pem (), 1, certificate, chain,
                       fuzz_get_now ());
  fuzz_check_report (report);
  return 0;
}
