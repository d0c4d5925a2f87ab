/* cs-key-pair.h
 *
 * Copyright 2026 The Chainsmith authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/**
 * CsKeyType:
 * @CS_KEY_TYPE_RSA_2048: RSA, 2048 bits (the default)
 * @CS_KEY_TYPE_RSA_3072: RSA, 3072 bits
 * @CS_KEY_TYPE_RSA_4096: RSA, 4096 bits
 * @CS_KEY_TYPE_EC_P256: ECDSA on NIST P-256
 * @CS_KEY_TYPE_EC_P384: ECDSA on NIST P-384
 */
typedef enum
{
  CS_KEY_TYPE_RSA_2048,
  CS_KEY_TYPE_RSA_3072,
  CS_KEY_TYPE_RSA_4096,
  CS_KEY_TYPE_EC_P256,
  CS_KEY_TYPE_EC_P384,
} CsKeyType;

#define CS_KEY_TYPE_DEFAULT CS_KEY_TYPE_RSA_2048
#define CS_N_KEY_TYPES 5

const char *cs_key_type_get_nick      (CsKeyType    type);
gboolean    cs_key_type_from_nick     (const char  *nick,
                                       CsKeyType   *type);
const char *cs_key_type_get_api_name  (CsKeyType    type);
gboolean    cs_key_type_from_api_name (const char  *name,
                                       CsKeyType   *type);
const char *cs_key_type_get_label     (CsKeyType    type);
guint       cs_key_type_get_bits      (CsKeyType    type);

#define CS_TYPE_KEY_PAIR (cs_key_pair_get_type ())

G_DECLARE_FINAL_TYPE (CsKeyPair, cs_key_pair, CS, KEY_PAIR, GObject)

CsKeyPair  *cs_key_pair_generate          (CsKeyType             type,
                                           GCancellable         *cancellable,
                                           GError              **error);
void        cs_key_pair_generate_async    (CsKeyType             type,
                                           GCancellable         *cancellable,
                                           GAsyncReadyCallback   callback,
                                           gpointer              user_data);
CsKeyPair  *cs_key_pair_generate_finish   (GAsyncResult         *result,
                                           GError              **error);

CsKeyType   cs_key_pair_get_key_type      (CsKeyPair            *self);
const char *cs_key_pair_get_public_pem    (CsKeyPair            *self);
const char *cs_key_pair_get_fingerprint   (CsKeyPair            *self);
const char *cs_key_pair_get_description   (CsKeyPair            *self);

G_END_DECLS
