/* fuzz-common.h — what the fuzz harnesses share
 *
 * Copyright 2026 The Chainsmith authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each harness defines LLVMFuzzerTestOneInput(). Built with clang and
 * -fsanitize=fuzzer it is a libFuzzer target (`build-aux/dev fuzz SECONDS`);
 * linked with replay.c it is an ordinary test that runs every file of the
 * committed corpus through the same function (any compiler).
 */

#pragma once

#include <stddef.h>
#include <stdint.h>

#include "cs-inspection.h"

G_BEGIN_DECLS

int          LLVMFuzzerTestOneInput      (const uint8_t  *data,
                                          size_t          size);

/* Called first by every harness: sends GLib's messages to a writer that
 * aborts on a warning, critical or error, so that the fuzzer reports them
 * as crashes, and makes the fixed inputs below. */
void         fuzz_init                   (void);

/* The fixed inputs, made once (fuzz-fixtures.h): the record's key pair (a
 * P-256 test key), its request, its intermediate certificate (PEM) and that
 * certificate's chain (middle CA and root, PEM), and the fixed "now",
 * 2030-01-01, inside every fixture's validity. */
CsKeyPair   *fuzz_get_key_pair           (void);
const char  *fuzz_get_csr_pem            (void);
const char  *fuzz_get_certificate_pem    (void);
const char  *fuzz_get_chain_pem          (void);
GDateTime   *fuzz_get_now                (void);

/* Aborts unless @text is valid UTF-8 (NULL passes): what the UI shows must
 * be, or GTK warns. */
void         fuzz_assert_utf8            (const char     *what,
                                          const char     *text);

/* Reads every part of @report, as the front ends do, and aborts unless it
 * holds together: the twelve rows of SPEC §4 in order, the level their
 * worst, an accepted report with a certificate to store, at most 16 chain
 * members, and valid UTF-8 in every text. */
void         fuzz_check_report           (CsInspectionReport *report);

G_END_DECLS
