/* fuzz-upload-certificate.c — the upload checks on any certificate bytes
 *
 * Copyright 2026 The Chainsmith authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The input is the uploaded certificate file; the chain is the fixture's
 * valid one (middle CA and root), so that a certificate that parses goes on
 * through every row, the chain and the dry run.
 */

#include "config.h"

#include <string.h>

#include "fuzz-common.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) certificate = g_bytes_new (data, size);
  g_autoptr(GBytes) chain = g_bytes_new_static (fuzz_get_chain_pem (), strlen (fuzz_get_chain_pem ()));
  g_autoptr(CsInspectionReport) report = NULL;

  fuzz_init ();
  report = cs_inspect (fuzz_get_key_pair (), fuzz_get_csr_pem (), 1, certificate, chain,
                       fuzz_get_now ());
  fuzz_check_report (report);
  return 0;
}
