/* cs-key-pair-private.h — for src/core only: the private key's ways out
 *
 * Copyright 2026 The Chainsmith authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The private key leaves CsKeyPair only through these functions, and they
 * are called only by the store (to keep it) and by activation (to write the
 * deploy bundle). No front end includes this header.
 */

#pragma once

#include <openssl/evp.h>
#include <openssl/x509.h>

#include "cs-key-pair.h"

G_BEGIN_DECLS

CsKeyPair *cs_key_pair_new_from_pkey          (EVP_PKEY      *pkey,
                                               GError       **error);
CsKeyPair *cs_key_pair_new_from_private_der   (GBytes        *pkcs8_der,
                                               GError       **error);
CsKeyPair *cs_key_pair_new_from_private_pem   (const char    *pem,
                                               gsize          length,
                                               GError       **error);
EVP_PKEY  *cs_key_pair_get_pkey               (CsKeyPair     *self);
const X509_PUBKEY *cs_key_pair_get_x509_pubkey (CsKeyPair     *self);
GBytes    *cs_key_pair_dup_private_der        (CsKeyPair     *self);
GBytes    *cs_key_pair_dup_private_pem        (CsKeyPair     *self);
gboolean   cs_key_pair_matches                (CsKeyPair     *self,
                                               EVP_PKEY      *public_key);

/* GBytes whose memory is wiped with OPENSSL_cleanse() when freed. */
GBytes    *cs_secret_bytes_new_take           (guint8        *data,
                                               gsize          size);

G_END_DECLS
