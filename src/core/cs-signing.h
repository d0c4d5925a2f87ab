/* cs-signing.h — how to have a request signed so that the result passes every check
 *
 * Copyright 2026 The Chainsmith authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "cs-csr.h"

G_BEGIN_DECLS

/* The validity the instructions propose: five years. */
#define CS_SIGNING_DEFAULT_DAYS 1825

/* The names the OpenSSL command uses for the files that the admin supplies
 * or that the instructions ask to create. */
#define CS_SIGNING_ROOT_CERT_FILE "root.pem"
#define CS_SIGNING_ROOT_KEY_FILE  "root-key.pem"
#define CS_SIGNING_EXTFILE        "intermediate.ext"

/* The authorityKeyIdentifier line for a root CA certificate that has no
 * subjectKeyIdentifier, under which OpenSSL refuses "keyid" alone. */
#define CS_SIGNING_AKID_FALLBACK  "authorityKeyIdentifier=keyid,issuer"

char *cs_signing_get_extensions         (guint        path_length);
char *cs_signing_get_openssl_command    (const char  *csr_file_name,
                                         CsDigest     digest,
                                         guint        days);
char *cs_signing_get_minimum_extensions (void);
char *cs_signing_get_minimum_costs      (void);
char *cs_signing_get_adcs_command       (const char  *csr_file_name);
char *cs_signing_get_instructions       (const char  *csr_file_name,
                                         CsDigest     digest,
                                         guint        path_length);

G_END_DECLS
