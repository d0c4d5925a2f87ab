/* cs-key-pair.c — key pairs, generated and kept in software
 *
 * Copyright 2026 The Chainsmith authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/decoder.h>
#include <openssl/encoder.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <string.h>

#include "cs-error.h"
#include "cs-key-pair-private.h"

/**
 * SECTION:cs-key-pair
 * @title: CsKeyPair
 *
 * A key pair of an intermediate CA certificate. The public half is offered
 * freely (PEM, fingerprint, description); the private half leaves the object
 * only through cs-key-pair-private.h, for the store and the deploy bundle.
 */

struct _CsKeyPair
{
  GObject    parent_instance;

  EVP_PKEY    *pkey;
  X509_PUBKEY *spki;       /* the public half, encoded once */
  CsKeyType    key_type;
  char      *public_pem;
  char      *fingerprint;
};

G_DEFINE_FINAL_TYPE (CsKeyPair, cs_key_pair, G_TYPE_OBJECT)

typedef struct
{
  const char *nick;
  const char *api_name;
  const char *label;
  const char *algorithm;
  const char *group;
  guint       bits;
} KeyTypeInfo;

static const KeyTypeInfo key_types[CS_N_KEY_TYPES] = {
  [CS_KEY_TYPE_RSA_2048] = { "rsa2048", "RSA_2K", N_("RSA 2048"), "RSA", NULL, 2048 },
  [CS_KEY_TYPE_RSA_3072] = { "rsa3072", "RSA_3K", N_("RSA 3072"), "RSA", NULL, 3072 },
  [CS_KEY_TYPE_RSA_4096] = { "rsa4096", "RSA_4K", N_("RSA 4096"), "RSA", NULL, 4096 },
  [CS_KEY_TYPE_EC_P256] = { "p256", "ECDSA_P256", N_("ECDSA P-256"), "EC", "prime256v1", 256 },
  [CS_KEY_TYPE_EC_P384] = { "p384", "ECDSA_P384", N_("ECDSA P-384"), "EC", "secp384r1", 384 },
};

static const KeyTypeInfo *
key_type_info (CsKeyType type)
{
  g_return_val_if_fail ((guint) type < CS_N_KEY_TYPES, &key_types[CS_KEY_TYPE_DEFAULT]);
  return &key_types[type];
}

/**
 * cs_key_type_get_nick:
 * @type: a #CsKeyType
 *
 * Returns: the short name used on the command line and in settings ("rsa2048")
 */
const char *
cs_key_type_get_nick (CsKeyType type)
{
  return key_type_info (type)->nick;
}

/**
 * cs_key_type_from_nick:
 * @nick: a short name, as cs_key_type_get_nick() returns
 * @type: (out): where to store the type
 *
 * Returns: %TRUE if @nick names a key type
 */
gboolean
cs_key_type_from_nick (const char *nick,
                       CsKeyType  *type)
{
  for (guint i = 0; i < CS_N_KEY_TYPES; i++)
    if (g_strcmp0 (nick, key_types[i].nick) == 0)
      {
        *type = i;
        return TRUE;
      }
  return FALSE;
}

/**
 * cs_key_type_get_api_name:
 * @type: a #CsKeyType
 *
 * Returns: the name of the console's API `keyType` field ("RSA_2K")
 */
const char *
cs_key_type_get_api_name (CsKeyType type)
{
  return key_type_info (type)->api_name;
}

/**
 * cs_key_type_from_api_name:
 * @name: an API name, as cs_key_type_get_api_name() returns
 * @type: (out): where to store the type
 *
 * Returns: %TRUE if @name names a key type
 */
gboolean
cs_key_type_from_api_name (const char *name,
                           CsKeyType  *type)
{
  for (guint i = 0; i < CS_N_KEY_TYPES; i++)
    if (g_strcmp0 (name, key_types[i].api_name) == 0)
      {
        *type = i;
        return TRUE;
      }
  return FALSE;
}

/**
 * cs_key_type_get_label:
 * @type: a #CsKeyType
 *
 * Returns: the translated name of the type for people ("RSA 2048")
 */
const char *
cs_key_type_get_label (CsKeyType type)
{
  return _(key_type_info (type)->label);
}

/**
 * cs_key_type_get_bits:
 * @type: a #CsKeyType
 *
 * Returns: the key size in bits, the `keySize` of a CSR (2048, or 256 for P-256)
 */
guint
cs_key_type_get_bits (CsKeyType type)
{
  return key_type_info (type)->bits;
}

static void
cs_key_pair_finalize (GObject *object)
{
  CsKeyPair *self = CS_KEY_PAIR (object);

  EVP_PKEY_free (self->pkey);
  X509_PUBKEY_free (self->spki);
  g_free (self->public_pem);
  g_free (self->fingerprint);

  G_OBJECT_CLASS (cs_key_pair_parent_class)->finalize (object);
}

static void
cs_key_pair_class_init (CsKeyPairClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = cs_key_pair_finalize;
}

static void
cs_key_pair_init (CsKeyPair *self)
{
}

static gboolean
detect_key_type (EVP_PKEY   *pkey,
                 CsKeyType  *type,
                 GError    **error)
{
  char group[64] = "";
  int bits = EVP_PKEY_get_bits (pkey);

  if (EVP_PKEY_is_a (pkey, "RSA"))
    {
      for (guint i = 0; i < CS_N_KEY_TYPES; i++)
        if (key_types[i].group == NULL && (int) key_types[i].bits == bits)
          {
            *type = i;
            return TRUE;
          }
      g_set_error (error, CS_ERROR, CS_ERROR_INVALID_KEY,
                   _("RSA keys of %d bits are not supported; use 2048, 3072 or 4096 bits"), bits);
      return FALSE;
    }

  if (EVP_PKEY_is_a (pkey, "EC") &&
      EVP_PKEY_get_utf8_string_param (pkey, OSSL_PKEY_PARAM_GROUP_NAME, group, sizeof group, NULL))
    {
      for (guint i = 0; i < CS_N_KEY_TYPES; i++)
        if (g_strcmp0 (key_types[i].group, group) == 0)
          {
            *type = i;
            return TRUE;
          }
    }

  g_set_error_literal (error, CS_ERROR, CS_ERROR_INVALID_KEY,
                       _("Unsupported key type; use RSA or ECDSA on P-256 or P-384"));
  return FALSE;
}

static char *
format_fingerprint (const guchar *digest,
                    guint         length)
{
  GString *str = g_string_sized_new (length * 3);

  for (guint i = 0; i < length; i++)
    g_string_append_printf (str, i ? ":%02X" : "%02X", digest[i]);

  return g_string_free (str, FALSE);
}

/* OpenSSL 3.0 encodes a provider key with an OSSL_ENCODER, and
 * X509_PUBKEY_set () decodes the result again: the costly part of every
 * PEM_write_bio_PUBKEY (), i2d_PUBKEY () and X509_REQ_set_pubkey (). Done
 * once here; the PEM, the fingerprint and each request use self->spki. */
static gboolean
compute_public_parts (CsKeyPair  *self,
                      GError    **error)
{
  guchar *der = NULL;
  guchar digest[EVP_MAX_MD_SIZE];
  unsigned int digest_len = 0;
  BIO *bio;
  char *data;
  long len;
  int der_len;

  if (!X509_PUBKEY_set (&self->spki, self->pkey))
    {
      cs_error_set_from_openssl (error, CS_ERROR_CRYPTO, _("Could not encode the public key"));
      return FALSE;
    }
  bio = BIO_new (BIO_s_mem ());
  if (bio == NULL || !PEM_write_bio_X509_PUBKEY (bio, self->spki))
    {
      BIO_free (bio);
      cs_error_set_from_openssl (error, CS_ERROR_CRYPTO, _("Could not encode the public key"));
      return FALSE;
    }
  len = BIO_get_mem_data (bio, &data);
  self->public_pem = g_strndup (data, len);
  BIO_free (bio);

  der_len = i2d_X509_PUBKEY (self->spki, &der);
  if (der_len <= 0 || !EVP_Digest (der, der_len, digest, &digest_len, EVP_sha256 (), NULL))
    {
      OPENSSL_free (der);
      cs_error_set_from_openssl (error, CS_ERROR_CRYPTO, _("Could not compute the key’s fingerprint"));
      return FALSE;
    }
  OPENSSL_free (der);
  self->fingerprint = format_fingerprint (digest, digest_len);

  return TRUE;
}

/**
 * cs_key_pair_new_from_pkey:
 * @pkey: (transfer full): a private key
 * @error: return location for a #GError
 *
 * Wraps @pkey, which must be of one of the #CsKeyType types.
 *
 * Returns: (transfer full) (nullable): a new #CsKeyPair
 */
CsKeyPair *
cs_key_pair_new_from_pkey (EVP_PKEY  *pkey,
                           GError   **error)
{
  g_autoptr(CsKeyPair) self = NULL;
  CsKeyType type;

  g_return_val_if_fail (pkey != NULL, NULL);

  if (!detect_key_type (pkey, &type, error))
    {
      EVP_PKEY_free (pkey);
      return NULL;
    }

  self = g_object_new (CS_TYPE_KEY_PAIR, NULL);
  self->pkey = pkey;
  self->key_type = type;

  if (!compute_public_parts (self, error))
    return NULL;

  return g_steal_pointer (&self);
}

/* Called by OpenSSL between the rounds of prime generation: returning 0
 * aborts it, which is how a long RSA 4096 generation honours Cancel. */
static int
keygen_cb (EVP_PKEY_CTX *ctx)
{
  GCancellable *cancellable = EVP_PKEY_CTX_get_app_data (ctx);

  return g_cancellable_is_cancelled (cancellable) ? 0 : 1;
}

static EVP_PKEY_CTX *
new_keygen_ctx (CsKeyType type)
{
  const KeyTypeInfo *info = key_type_info (type);
  OSSL_PARAM params[2];
  EVP_PKEY_CTX *ctx;
  unsigned int bits = info->bits;

  ctx = EVP_PKEY_CTX_new_from_name (NULL, info->algorithm, NULL);
  if (ctx == NULL || EVP_PKEY_keygen_init (ctx) <= 0)
    {
      EVP_PKEY_CTX_free (ctx);
      return NULL;
    }

  if (info->group != NULL)
    params[0] = OSSL_PARAM_construct_utf8_string (OSSL_PKEY_PARAM_GROUP_NAME, (char *) info->group, 0);
  else
    params[0] = OSSL_PARAM_construct_uint (OSSL_PKEY_PARAM_RSA_BITS, &bits);
  params[1] = OSSL_PARAM_construct_end ();

  if (EVP_PKEY_CTX_set_params (ctx, params) <= 0)
    {
      EVP_PKEY_CTX_free (ctx);
      return NULL;
    }

  return ctx;
}

/**
 * cs_key_pair_generate:
 * @type: the #CsKeyType to generate
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Generates a key pair. This blocks for as long as the generation takes
 * (an RSA 4096 key can take seconds): front ends use
 * cs_key_pair_generate_async().
 *
 * Returns: (transfer full) (nullable): a new #CsKeyPair, or %NULL with
 *   @error set (%G_IO_ERROR_CANCELLED when @cancellable was cancelled)
 */
CsKeyPair *
cs_key_pair_generate (CsKeyType      type,
                      GCancellable  *cancellable,
                      GError       **error)
{
  EVP_PKEY_CTX *ctx;
  EVP_PKEY *pkey = NULL;
  int ok;

  g_return_val_if_fail ((guint) type < CS_N_KEY_TYPES, NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  ctx = new_keygen_ctx (type);
  if (ctx == NULL)
    {
      cs_error_set_from_openssl (error, CS_ERROR_CRYPTO, _("Could not prepare the key generation"));
      return NULL;
    }

  if (cancellable != NULL)
    {
      EVP_PKEY_CTX_set_app_data (ctx, cancellable);
      EVP_PKEY_CTX_set_cb (ctx, keygen_cb);
    }

  ok = EVP_PKEY_generate (ctx, &pkey);
  EVP_PKEY_CTX_free (ctx);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      EVP_PKEY_free (pkey);
      return NULL;
    }
  if (ok <= 0 || pkey == NULL)
    {
      cs_error_set_from_openssl (error, CS_ERROR_CRYPTO, _("Could not generate the key pair"));
      return NULL;
    }

  return cs_key_pair_new_from_pkey (pkey, error);
}

static void
generate_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  CsKeyType type = GPOINTER_TO_UINT (task_data);
  GError *error = NULL;
  CsKeyPair *key_pair;

  key_pair = cs_key_pair_generate (type, cancellable, &error);
  if (key_pair == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, key_pair, g_object_unref);
}

/**
 * cs_key_pair_generate_async:
 * @type: the #CsKeyType to generate
 * @cancellable: (nullable): a #GCancellable; cancelling stops the generation
 * @callback: called on the calling thread's main context when done
 * @user_data: data for @callback
 *
 * Generates a key pair in a worker thread.
 */
void
cs_key_pair_generate_async (CsKeyType            type,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail ((guint) type < CS_N_KEY_TYPES);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, cs_key_pair_generate_async);
  g_task_set_task_data (task, GUINT_TO_POINTER (type), NULL);
  g_task_run_in_thread (task, generate_thread);
}

/**
 * cs_key_pair_generate_finish:
 * @result: the #GAsyncResult given to the callback
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the new #CsKeyPair
 */
CsKeyPair *
cs_key_pair_generate_finish (GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == cs_key_pair_generate_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static CsKeyPair *
new_from_encoded (const guchar  *data,
                  gsize          length,
                  const char    *input_type,
                  GError       **error)
{
  OSSL_DECODER_CTX *dctx;
  EVP_PKEY *pkey = NULL;
  const guchar *p = data;
  size_t left = length;
  int ok;

  dctx = OSSL_DECODER_CTX_new_for_pkey (&pkey, input_type, NULL, NULL,
                                        EVP_PKEY_KEYPAIR, NULL, NULL);
  ok = dctx != NULL && OSSL_DECODER_from_data (dctx, &p, &left);
  OSSL_DECODER_CTX_free (dctx);

  if (!ok || pkey == NULL)
    {
      EVP_PKEY_free (pkey);
      cs_error_set_from_openssl (error, CS_ERROR_INVALID_KEY, _("The private key could not be read"));
      return NULL;
    }

  return cs_key_pair_new_from_pkey (pkey, error);
}

/**
 * cs_key_pair_new_from_private_der:
 * @pkcs8_der: the private key as PKCS#8 DER
 * @error: return location for a #GError
 *
 * Loads a key pair kept by the store.
 *
 * Returns: (transfer full) (nullable): a new #CsKeyPair
 */
CsKeyPair *
cs_key_pair_new_from_private_der (GBytes  *pkcs8_der,
                                  GError **error)
{
  gsize length;
  const guchar *data;

  g_return_val_if_fail (pkcs8_der != NULL, NULL);

  data = g_bytes_get_data (pkcs8_der, &length);
  return new_from_encoded (data, length, "DER", error);
}

/**
 * cs_key_pair_new_from_private_pem:
 * @pem: a PEM private key (PKCS#8, or a traditional RSA or EC key)
 * @length: the length of @pem, or -1 if it is nul-terminated
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): a new #CsKeyPair
 */
CsKeyPair *
cs_key_pair_new_from_private_pem (const char  *pem,
                                  gsize        length,
                                  GError     **error)
{
  g_return_val_if_fail (pem != NULL, NULL);

  if (length == (gsize) -1)
    length = strlen (pem);

  return new_from_encoded ((const guchar *) pem, length, "PEM", error);
}

/**
 * cs_secret_bytes_new_take:
 * @data: (transfer full): memory allocated with OPENSSL_malloc()
 * @size: its size
 *
 * Returns: (transfer full): a #GBytes that wipes and frees @data when freed
 */
typedef struct
{
  guint8 *data;
  gsize   size;
} Secret;

static void
secret_free (gpointer data)
{
  Secret *secret = data;

  OPENSSL_clear_free (secret->data, secret->size);
  g_free (secret);
}

GBytes *
cs_secret_bytes_new_take (guint8 *data,
                          gsize   size)
{
  Secret *secret = g_new (Secret, 1);

  secret->data = data;
  secret->size = size;
  return g_bytes_new_with_free_func (data, size, secret_free, secret);
}

static GBytes *
encode_private (CsKeyPair  *self,
                const char *output_type)
{
  OSSL_ENCODER_CTX *ectx;
  guchar *data = NULL;
  size_t length = 0;
  int ok;

  ectx = OSSL_ENCODER_CTX_new_for_pkey (self->pkey, EVP_PKEY_KEYPAIR, output_type,
                                        "PrivateKeyInfo", NULL);
  ok = ectx != NULL && OSSL_ENCODER_to_data (ectx, &data, &length);
  OSSL_ENCODER_CTX_free (ectx);

  /* Encoding a key that is in memory only fails on memory exhaustion. */
  if (!ok)
    g_error ("Could not encode a private key as PKCS#8 %s", output_type);

  return cs_secret_bytes_new_take (data, length);
}

/**
 * cs_key_pair_dup_private_der:
 * @self: a #CsKeyPair
 *
 * For the store only.
 *
 * Returns: (transfer full): the private key as PKCS#8 DER, wiped when freed
 */
GBytes *
cs_key_pair_dup_private_der (CsKeyPair *self)
{
  g_return_val_if_fail (CS_IS_KEY_PAIR (self), NULL);

  return encode_private (self, "DER");
}

/**
 * cs_key_pair_dup_private_pem:
 * @self: a #CsKeyPair
 *
 * For the deploy bundle only.
 *
 * Returns: (transfer full): the private key as PKCS#8 PEM, wiped when freed
 */
GBytes *
cs_key_pair_dup_private_pem (CsKeyPair *self)
{
  g_return_val_if_fail (CS_IS_KEY_PAIR (self), NULL);

  return encode_private (self, "PEM");
}

/**
 * cs_key_pair_get_x509_pubkey:
 * @self: a #CsKeyPair
 *
 * The public key as a SubjectPublicKeyInfo, encoded when the key pair was
 * made: copying its parameters and bits into a request or certificate
 * avoids OpenSSL 3.0's encoder and decoder round trip of
 * X509_REQ_set_pubkey ().
 *
 * Returns: (transfer none): the public key
 */
const X509_PUBKEY *
cs_key_pair_get_x509_pubkey (CsKeyPair *self)
{
  g_return_val_if_fail (CS_IS_KEY_PAIR (self), NULL);

  return self->spki;
}

/**
 * cs_key_pair_get_pkey:
 * @self: a #CsKeyPair
 *
 * Returns: (transfer none): the key, for signing inside src/core
 */
EVP_PKEY *
cs_key_pair_get_pkey (CsKeyPair *self)
{
  g_return_val_if_fail (CS_IS_KEY_PAIR (self), NULL);

  return self->pkey;
}

/**
 * cs_key_pair_matches:
 * @self: a #CsKeyPair
 * @public_key: a public key, such as a certificate's
 *
 * Returns: %TRUE if @public_key is the public half of @self
 */
gboolean
cs_key_pair_matches (CsKeyPair *self,
                     EVP_PKEY  *public_key)
{
  g_return_val_if_fail (CS_IS_KEY_PAIR (self), FALSE);
  g_return_val_if_fail (public_key != NULL, FALSE);

  return EVP_PKEY_eq (self->pkey, public_key) == 1;
}

/**
 * cs_key_pair_get_key_type:
 * @self: a #CsKeyPair
 *
 * Returns: the key's #CsKeyType
 */
CsKeyType
cs_key_pair_get_key_type (CsKeyPair *self)
{
  g_return_val_if_fail (CS_IS_KEY_PAIR (self), CS_KEY_TYPE_DEFAULT);

  return self->key_type;
}

/**
 * cs_key_pair_get_public_pem:
 * @self: a #CsKeyPair
 *
 * Returns: the public key as SubjectPublicKeyInfo PEM ("BEGIN PUBLIC KEY")
 */
const char *
cs_key_pair_get_public_pem (CsKeyPair *self)
{
  g_return_val_if_fail (CS_IS_KEY_PAIR (self), NULL);

  return self->public_pem;
}

/**
 * cs_key_pair_get_fingerprint:
 * @self: a #CsKeyPair
 *
 * Returns: the SHA-256 digest of the DER SubjectPublicKeyInfo, as
 *   colon-separated upper-case hex pairs
 */
const char *
cs_key_pair_get_fingerprint (CsKeyPair *self)
{
  g_return_val_if_fail (CS_IS_KEY_PAIR (self), NULL);

  return self->fingerprint;
}

/**
 * cs_key_pair_get_description:
 * @self: a #CsKeyPair
 *
 * Returns: the key's type for people, such as "RSA 2048"
 */
const char *
cs_key_pair_get_description (CsKeyPair *self)
{
  g_return_val_if_fail (CS_IS_KEY_PAIR (self), NULL);

  return cs_key_type_get_label (self->key_type);
}
