/* cs-record.c — one intermediate CA certificate of the store
 *
 * Copyright 2026 The Chainsmith authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "cs-store-private.h"

/**
 * SECTION:cs-record
 * @title: CsRecord
 *
 * A record of the store: the fields of the console's API as read-only
 * properties. The list model of the store holds these; they carry no key,
 * certificate, CSR or chain (see #CsRecordDetails). Only the store changes
 * them, on the main thread, and each property notifies when its value
 * changes.
 */

typedef struct
{
  const char *api_name;
  const char *label;
} StateInfo;

static const StateInfo states[CS_N_RECORD_STATES] = {
  [CS_RECORD_STATE_GENERAL_DONE] = { "GENERAL_DONE", N_("Draft — general details saved") },
  [CS_RECORD_STATE_KEYGEN_DONE] = { "KEYGEN_DONE", N_("Draft — key pair generated") },
  [CS_RECORD_STATE_CSRGEN_DONE] = { "CSRGEN_DONE", N_("Draft — CSR generated") },
  [CS_RECORD_STATE_INTCERT_UPLOAD_DONE] = { "INTCERT_UPLOAD_DONE", N_("Draft — certificate uploaded") },
  [CS_RECORD_STATE_CERTCHAIN_UPLOAD_DONE] = { "CERTCHAIN_UPLOAD_DONE", N_("Draft — chain uploaded") },
  [CS_RECORD_STATE_CERT_READY] = { "CERT_READY", N_("Ready") },
};

static const GEnumValue state_values[] = {
  { CS_RECORD_STATE_GENERAL_DONE, "CS_RECORD_STATE_GENERAL_DONE", "general-done" },
  { CS_RECORD_STATE_KEYGEN_DONE, "CS_RECORD_STATE_KEYGEN_DONE", "keygen-done" },
  { CS_RECORD_STATE_CSRGEN_DONE, "CS_RECORD_STATE_CSRGEN_DONE", "csrgen-done" },
  { CS_RECORD_STATE_INTCERT_UPLOAD_DONE, "CS_RECORD_STATE_INTCERT_UPLOAD_DONE", "intcert-upload-done" },
  { CS_RECORD_STATE_CERTCHAIN_UPLOAD_DONE, "CS_RECORD_STATE_CERTCHAIN_UPLOAD_DONE", "certchain-upload-done" },
  { CS_RECORD_STATE_CERT_READY, "CS_RECORD_STATE_CERT_READY", "cert-ready" },
  { 0, NULL, NULL },
};

GType
cs_record_state_get_type (void)
{
  static gsize type = 0;

  if (g_once_init_enter (&type))
    g_once_init_leave (&type, g_enum_register_static (g_intern_static_string ("CsRecordState"),
                                                      state_values));
  return type;
}

/**
 * cs_record_state_get_api_name:
 * @state: a #CsRecordState
 *
 * Returns: the console's name of the state ("CSRGEN_DONE")
 */
const char *
cs_record_state_get_api_name (CsRecordState state)
{
  g_return_val_if_fail ((guint) state < CS_N_RECORD_STATES, NULL);

  return states[state].api_name;
}

/**
 * cs_record_state_from_api_name:
 * @name: a name as cs_record_state_get_api_name() returns
 * @state: (out): where to store the state
 *
 * Returns: %TRUE if @name names a state
 */
gboolean
cs_record_state_from_api_name (const char    *name,
                               CsRecordState *state)
{
  for (guint i = 0; i < CS_N_RECORD_STATES; i++)
    if (g_strcmp0 (name, states[i].api_name) == 0)
      {
        *state = i;
        return TRUE;
      }
  return FALSE;
}

/**
 * cs_record_state_get_label:
 * @state: a #CsRecordState
 *
 * Returns: the translated state for people ("Draft — CSR generated", "Ready")
 */
const char *
cs_record_state_get_label (CsRecordState state)
{
  g_return_val_if_fail ((guint) state < CS_N_RECORD_STATES, NULL);

  return _(states[state].label);
}

/**
 * cs_record_state_is_draft:
 * @state: a #CsRecordState
 *
 * Returns: %TRUE for every state before %CS_RECORD_STATE_CERT_READY
 */
gboolean
cs_record_state_is_draft (CsRecordState state)
{
  return state != CS_RECORD_STATE_CERT_READY;
}

/* Rows. */

CsRecordRow *
cs_record_row_new (void)
{
  CsRecordRow *row = g_new0 (CsRecordRow, 1);

  row->path_length = -1;
  row->digest = CS_DIGEST_DEFAULT;
  row->key_type = CS_KEY_TYPE_DEFAULT;
  return row;
}

void
cs_record_row_free (CsRecordRow *row)
{
  if (row == NULL)
    return;

  g_free (row->name);
  g_free (row->description);
  g_free (row->public_key);
  g_free (row->key_fingerprint);
  g_free (row->csr_file_name);
  for (guint i = 0; i < CS_N_SUBJECT_FIELDS; i++)
    g_free (row->subject[i]);
  g_free (row->cert_file_name);
  g_free (row->chain_file_name);
  g_free (row);
}

/* The record. */

enum {
  TIME_KEY,
  TIME_CSR,
  TIME_CERT_START,
  TIME_CERT_EXP,
  N_TIMES
};

struct _CsRecord
{
  GObject       parent_instance;

  CsRecordRow  *row;
  GDateTime    *times[N_TIMES];
  gboolean      building;   /* new: nobody to notify yet */
};

G_DEFINE_FINAL_TYPE (CsRecord, cs_record, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_DESCRIPTION,
  PROP_PROTECTION_TYPE,
  PROP_REGION,
  PROP_ENABLED,
  PROP_STATUS_API_NAME,
  PROP_DEFAULT_CERTIFICATE,
  PROP_CURRENT_STATE,
  PROP_STATE_LABEL,
  PROP_HAS_KEY,
  PROP_KEY_TYPE,
  PROP_KEY_SIZE,
  PROP_PUBLIC_KEY,
  PROP_KEY_FINGERPRINT,
  PROP_KEY_GENERATION_TIME,
  PROP_CSR_FILE_NAME,
  PROP_CSR_GENERATION_TIME,
  PROP_COMMON_NAME,             /* the six subject fields, in CsSubjectField order */
  PROP_ORGANIZATION,
  PROP_DEPARTMENT,
  PROP_CITY,
  PROP_STATE_OR_PROVINCE,
  PROP_COUNTRY,
  PROP_SIGNATURE_ALGORITHM,
  PROP_PATH_LENGTH_CONSTRAINT,
  PROP_UPLOADED_CERT_FILE_NAME,
  PROP_UPLOADED_CHAIN_FILE_NAME,
  PROP_CERT_START_DATE,
  PROP_CERT_EXP_DATE,
  PROP_HAS_CHAIN,
  PROP_HAS_ROOT,
  PROP_ACTIVE_ENABLED,
  PROP_ACTIVE_DEFAULT,
  PROP_CERTIFICATE_PENDING,
  PROP_CHAIN_PENDING,
  PROP_CAN_DELETE,
  PROP_CAN_DISABLE,
  PROP_CAN_MAKE_DEFAULT,
  PROP_KEY_REGENERATION_DISCARDS,
  PROP_CSR_REGENERATION_DISCARDS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const guint time_props[N_TIMES] = {
  PROP_KEY_GENERATION_TIME, PROP_CSR_GENERATION_TIME, PROP_CERT_START_DATE, PROP_CERT_EXP_DATE,
};

static void
get_string_property (CsRecord *self,
                     guint     prop_id,
                     GValue   *value)
{
  const char *s = NULL;

  switch (prop_id)
    {
    case PROP_NAME: s = cs_record_get_name (self); break;
    case PROP_DESCRIPTION: s = cs_record_get_description (self); break;
    case PROP_PROTECTION_TYPE: s = cs_record_get_protection_type (self); break;
    case PROP_REGION: s = cs_record_get_region (self); break;
    case PROP_STATUS_API_NAME: s = cs_record_get_status_api_name (self); break;
    case PROP_STATE_LABEL: s = cs_record_get_state_label (self); break;
    case PROP_PUBLIC_KEY: s = cs_record_get_public_key (self); break;
    case PROP_KEY_FINGERPRINT: s = cs_record_get_key_fingerprint (self); break;
    case PROP_CSR_FILE_NAME: s = cs_record_get_csr_file_name (self); break;
    case PROP_UPLOADED_CERT_FILE_NAME: s = cs_record_get_uploaded_cert_file_name (self); break;
    case PROP_UPLOADED_CHAIN_FILE_NAME: s = cs_record_get_uploaded_chain_file_name (self); break;
    default:
      g_assert (prop_id >= PROP_COMMON_NAME && prop_id <= PROP_COUNTRY);
      s = self->row->subject[prop_id - PROP_COMMON_NAME];
      s = s != NULL ? s : "";
    }
  g_value_set_string (value, s);
}

static gboolean
get_boolean_property (CsRecord *self,
                      guint     prop_id)
{
  switch (prop_id)
    {
    case PROP_ENABLED: return self->row->enabled;
    case PROP_DEFAULT_CERTIFICATE: return self->row->is_default;
    case PROP_HAS_KEY: return self->row->has_key;
    case PROP_HAS_CHAIN: return self->row->has_chain;
    case PROP_HAS_ROOT: return self->row->has_root;
    case PROP_ACTIVE_ENABLED: return self->row->active_enabled;
    case PROP_ACTIVE_DEFAULT: return self->row->active_default;
    case PROP_CERTIFICATE_PENDING: return cs_record_get_certificate_pending (self);
    case PROP_CHAIN_PENDING: return cs_record_get_chain_pending (self);
    case PROP_CAN_DELETE: return cs_record_get_can_delete (self);
    case PROP_CAN_DISABLE: return cs_record_get_can_disable (self);
    case PROP_CAN_MAKE_DEFAULT: return cs_record_get_can_make_default (self);
    case PROP_KEY_REGENERATION_DISCARDS: return cs_record_get_key_regeneration_discards (self);
    case PROP_CSR_REGENERATION_DISCARDS: return cs_record_get_csr_regeneration_discards (self);
    default: g_assert_not_reached ();
    }
}

static void
cs_record_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  CsRecord *self = CS_RECORD (object);

  switch (G_PARAM_SPEC_VALUE_TYPE (pspec))
    {
    case G_TYPE_STRING:
      get_string_property (self, prop_id, value);
      return;
    case G_TYPE_BOOLEAN:
      g_value_set_boolean (value, get_boolean_property (self, prop_id));
      return;
    default:
      break;
    }

  switch (prop_id)
    {
    case PROP_ID: g_value_set_int64 (value, self->row->id); break;
    case PROP_CURRENT_STATE: g_value_set_enum (value, self->row->state); break;
    case PROP_KEY_TYPE: g_value_set_int (value, self->row->key_type); break;
    case PROP_KEY_SIZE: g_value_set_uint (value, cs_record_get_key_size (self)); break;
    case PROP_SIGNATURE_ALGORITHM: g_value_set_int (value, self->row->digest); break;
    case PROP_PATH_LENGTH_CONSTRAINT: g_value_set_int (value, self->row->path_length); break;
    case PROP_KEY_GENERATION_TIME: g_value_set_boxed (value, self->times[TIME_KEY]); break;
    case PROP_CSR_GENERATION_TIME: g_value_set_boxed (value, self->times[TIME_CSR]); break;
    case PROP_CERT_START_DATE: g_value_set_boxed (value, self->times[TIME_CERT_START]); break;
    case PROP_CERT_EXP_DATE: g_value_set_boxed (value, self->times[TIME_CERT_EXP]); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cs_record_finalize (GObject *object)
{
  CsRecord *self = CS_RECORD (object);

  cs_record_row_free (self->row);
  for (guint i = 0; i < N_TIMES; i++)
    g_clear_pointer (&self->times[i], g_date_time_unref);

  G_OBJECT_CLASS (cs_record_parent_class)->finalize (object);
}

#define RO_FLAGS (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS)

static void
install_string (guint       prop_id,
                const char *name)
{
  properties[prop_id] = g_param_spec_string (name, NULL, NULL, NULL, RO_FLAGS);
}

static void
install_boolean (guint       prop_id,
                 const char *name)
{
  properties[prop_id] = g_param_spec_boolean (name, NULL, NULL, FALSE, RO_FLAGS);
}

static void
install_time (guint       prop_id,
              const char *name)
{
  properties[prop_id] = g_param_spec_boxed (name, NULL, NULL, G_TYPE_DATE_TIME, RO_FLAGS);
}

static void
install_strings (void)
{
  install_string (PROP_NAME, "name");
  install_string (PROP_DESCRIPTION, "description");
  install_string (PROP_PROTECTION_TYPE, "protection-type");
  install_string (PROP_REGION, "region");
  install_string (PROP_STATUS_API_NAME, "status-api-name");
  install_string (PROP_STATE_LABEL, "state-label");
  install_string (PROP_PUBLIC_KEY, "public-key");
  install_string (PROP_KEY_FINGERPRINT, "key-fingerprint");
  install_string (PROP_CSR_FILE_NAME, "csr-file-name");
  install_string (PROP_COMMON_NAME, "common-name");
  install_string (PROP_ORGANIZATION, "organization");
  install_string (PROP_DEPARTMENT, "department");
  install_string (PROP_CITY, "city");
  install_string (PROP_STATE_OR_PROVINCE, "state-or-province");
  install_string (PROP_COUNTRY, "country");
  install_string (PROP_UPLOADED_CERT_FILE_NAME, "uploaded-cert-file-name");
  install_string (PROP_UPLOADED_CHAIN_FILE_NAME, "uploaded-chain-file-name");
}

static void
install_booleans (void)
{
  install_boolean (PROP_ENABLED, "enabled");
  install_boolean (PROP_DEFAULT_CERTIFICATE, "default-certificate");
  install_boolean (PROP_HAS_KEY, "has-key");
  install_boolean (PROP_HAS_CHAIN, "has-chain");
  install_boolean (PROP_HAS_ROOT, "has-root");
  install_boolean (PROP_ACTIVE_ENABLED, "active-enabled");
  install_boolean (PROP_ACTIVE_DEFAULT, "active-default");
  install_boolean (PROP_CERTIFICATE_PENDING, "certificate-pending");
  install_boolean (PROP_CHAIN_PENDING, "chain-pending");
  install_boolean (PROP_CAN_DELETE, "can-delete");
  install_boolean (PROP_CAN_DISABLE, "can-disable");
  install_boolean (PROP_CAN_MAKE_DEFAULT, "can-make-default");
  install_boolean (PROP_KEY_REGENERATION_DISCARDS, "key-regeneration-discards");
  install_boolean (PROP_CSR_REGENERATION_DISCARDS, "csr-regeneration-discards");
}

static void
install_others (void)
{
  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, RO_FLAGS);
  properties[PROP_CURRENT_STATE] =
    g_param_spec_enum ("current-state", NULL, NULL, CS_TYPE_RECORD_STATE,
                       CS_RECORD_STATE_GENERAL_DONE, RO_FLAGS);
  properties[PROP_KEY_TYPE] =
    g_param_spec_int ("key-type", NULL, NULL, 0, CS_N_KEY_TYPES - 1, CS_KEY_TYPE_DEFAULT, RO_FLAGS);
  properties[PROP_KEY_SIZE] = g_param_spec_uint ("key-size", NULL, NULL, 0, G_MAXUINT, 0, RO_FLAGS);
  properties[PROP_SIGNATURE_ALGORITHM] =
    g_param_spec_int ("signature-algorithm", NULL, NULL, 0, CS_N_DIGESTS - 1, CS_DIGEST_DEFAULT, RO_FLAGS);
  properties[PROP_PATH_LENGTH_CONSTRAINT] =
    g_param_spec_int ("path-length-constraint", NULL, NULL, -1, 1, -1, RO_FLAGS);
  install_time (PROP_KEY_GENERATION_TIME, "key-generation-time");
  install_time (PROP_CSR_GENERATION_TIME, "csr-generation-time");
  install_time (PROP_CERT_START_DATE, "cert-start-date");
  install_time (PROP_CERT_EXP_DATE, "cert-exp-date");
}

static void
cs_record_class_init (CsRecordClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = cs_record_get_property;
  object_class->finalize = cs_record_finalize;

  install_strings ();
  install_booleans ();
  install_others ();
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cs_record_init (CsRecord *self)
{
  self->row = cs_record_row_new ();
}

/* Applying a row: notify exactly the properties whose value changed. */

typedef struct
{
  gboolean values[N_PROPS];
  guint    key_size;
  const char *status;
  const char *label;
} Derived;

static void
snapshot_derived (CsRecord *self,
                  Derived  *d)
{
  for (guint p = PROP_CERTIFICATE_PENDING; p <= PROP_CSR_REGENERATION_DISCARDS; p++)
    d->values[p] = get_boolean_property (self, p);
  d->key_size = cs_record_get_key_size (self);
  d->status = cs_record_get_status_api_name (self);
  d->label = states[self->row->state].label;
}

static void
notify (CsRecord *self,
        guint     prop_id)
{
  if (!self->building)
    g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

static void
notify_derived (CsRecord      *self,
                const Derived *before)
{
  Derived after;

  snapshot_derived (self, &after);
  for (guint p = PROP_CERTIFICATE_PENDING; p <= PROP_CSR_REGENERATION_DISCARDS; p++)
    if (before->values[p] != after.values[p])
      notify (self, p);
  if (before->key_size != after.key_size)
    notify (self, PROP_KEY_SIZE);
  if (before->status != after.status)
    notify (self, PROP_STATUS_API_NAME);
  if (before->label != after.label)
    notify (self, PROP_STATE_LABEL);
}

static void
take_string (CsRecord  *self,
             char     **field,
             char     **value,
             guint      prop_id)
{
  if (g_strcmp0 (*field, *value) != 0)
    {
      g_free (*field);
      *field = g_steal_pointer (value);
      notify (self, prop_id);
    }
}

#define SET_SCALAR(self, field, value, prop_id) \
  G_STMT_START {                                \
    if ((self)->row->field != (value))          \
      {                                         \
        (self)->row->field = (value);           \
        notify ((self), (prop_id));             \
      }                                         \
  } G_STMT_END

static void
apply_time (CsRecord *self,
            guint     index,
            gint64    seconds)
{
  GDateTime *old = self->times[index];

  if (old == NULL ? seconds == 0 : g_date_time_to_unix (old) == seconds)
    return;

  g_clear_pointer (&self->times[index], g_date_time_unref);
  if (seconds != 0)
    self->times[index] = g_date_time_new_from_unix_utc (seconds);
  notify (self, time_props[index]);
}

static void
apply_strings (CsRecord    *self,
               CsRecordRow *row)
{
  CsRecordRow *mine = self->row;

  take_string (self, &mine->name, &row->name, PROP_NAME);
  take_string (self, &mine->description, &row->description, PROP_DESCRIPTION);
  take_string (self, &mine->public_key, &row->public_key, PROP_PUBLIC_KEY);
  take_string (self, &mine->key_fingerprint, &row->key_fingerprint, PROP_KEY_FINGERPRINT);
  take_string (self, &mine->csr_file_name, &row->csr_file_name, PROP_CSR_FILE_NAME);
  take_string (self, &mine->cert_file_name, &row->cert_file_name, PROP_UPLOADED_CERT_FILE_NAME);
  take_string (self, &mine->chain_file_name, &row->chain_file_name, PROP_UPLOADED_CHAIN_FILE_NAME);
  for (guint i = 0; i < CS_N_SUBJECT_FIELDS; i++)
    take_string (self, &mine->subject[i], &row->subject[i], PROP_COMMON_NAME + i);
}

static void
apply_scalars (CsRecord    *self,
               CsRecordRow *row)
{
  SET_SCALAR (self, id, row->id, PROP_ID);
  SET_SCALAR (self, enabled, row->enabled, PROP_ENABLED);
  SET_SCALAR (self, is_default, row->is_default, PROP_DEFAULT_CERTIFICATE);
  SET_SCALAR (self, state, row->state, PROP_CURRENT_STATE);
  SET_SCALAR (self, has_key, row->has_key, PROP_HAS_KEY);
  SET_SCALAR (self, key_type, row->key_type, PROP_KEY_TYPE);
  SET_SCALAR (self, digest, row->digest, PROP_SIGNATURE_ALGORITHM);
  SET_SCALAR (self, path_length, row->path_length, PROP_PATH_LENGTH_CONSTRAINT);
  SET_SCALAR (self, has_chain, row->has_chain, PROP_HAS_CHAIN);
  SET_SCALAR (self, has_root, row->has_root, PROP_HAS_ROOT);
  SET_SCALAR (self, active_enabled, row->active_enabled, PROP_ACTIVE_ENABLED);
  SET_SCALAR (self, active_default, row->active_default, PROP_ACTIVE_DEFAULT);
  /* Derived from these: notified by notify_derived(). */
  self->row->cert_pending = row->cert_pending;
  self->row->chain_pending = row->chain_pending;
}

/*
 * cs_record_apply_row:
 * @self: a #CsRecord
 * @row: the record as the database holds it now; its strings are taken
 *
 * Updates @self to @row on the main thread, notifying each property whose
 * value changed (and only those), in one freeze/thaw.
 */
void
cs_record_apply_row (CsRecord    *self,
                     CsRecordRow *row)
{
  Derived before;

  g_return_if_fail (CS_IS_RECORD (self));

  g_object_freeze_notify (G_OBJECT (self));
  snapshot_derived (self, &before);
  apply_strings (self, row);
  apply_scalars (self, row);
  apply_time (self, TIME_KEY, row->key_time);
  apply_time (self, TIME_CSR, row->csr_time);
  apply_time (self, TIME_CERT_START, row->cert_start);
  apply_time (self, TIME_CERT_EXP, row->cert_exp);
  notify_derived (self, &before);
  g_object_thaw_notify (G_OBJECT (self));
}

/* A store opening 10,000 records makes each here, on the main thread: a
 * new record has no handler to tell, and the thirty notifications it
 * would queue and emit were most of its cost. */
CsRecord *
cs_record_new_from_row (CsRecordRow *row)
{
  CsRecord *self = g_object_new (CS_TYPE_RECORD, NULL);

  self->building = TRUE;
  cs_record_apply_row (self, row);
  self->building = FALSE;
  return self;
}

/* Getters. */

/**
 * cs_record_get_id:
 * @self: a #CsRecord
 *
 * Returns: the record's numeric id, unique in its store and never reused
 */
gint64
cs_record_get_id (CsRecord *self)
{
  g_return_val_if_fail (CS_IS_RECORD (self), 0);
  return self->row->id;
}

static const char *
or_empty (const char *s)
{
  return s != NULL ? s : "";
}

/**
 * cs_record_get_name:
 * @self: a #CsRecord
 *
 * Returns: the name, unique in the store
 */
const char *
cs_record_get_name (CsRecord *self)
{
  g_return_val_if_fail (CS_IS_RECORD (self), NULL);
  return or_empty (self->row->name);
}

/**
 * cs_record_get_description:
 * @self: a #CsRecord
 *
 * Returns: the description, "" when there is none
 */
const char *
cs_record_get_description (CsRecord *self)
{
  g_return_val_if_fail (CS_IS_RECORD (self), NULL);
  return or_empty (self->row->description);
}

/**
 * cs_record_get_protection_type:
 * @self: a #CsRecord
 *
 * Returns: the API `type`: always %CS_RECORD_TYPE_CUSTOM_SW
 */
const char *
cs_record_get_protection_type (CsRecord *self)
{
  g_return_val_if_fail (CS_IS_RECORD (self), NULL);
  return CS_RECORD_TYPE_CUSTOM_SW;
}

/**
 * cs_record_get_region:
 * @self: a #CsRecord
 *
 * Returns: the API `region`: always %CS_RECORD_REGION_GLOBAL
 */
const char *
cs_record_get_region (CsRecord *self)
{
  g_return_val_if_fail (CS_IS_RECORD (self), NULL);
  return CS_RECORD_REGION_GLOBAL;
}

/**
 * cs_record_get_enabled:
 * @self: a #CsRecord
 *
 * Returns: %TRUE if the saved status is enabled
 */
gboolean
cs_record_get_enabled (CsRecord *self)
{
  g_return_val_if_fail (CS_IS_RECORD (self), FALSE);
  return self->row->enabled;
}

/**
 * cs_record_get_status_api_name:
 * @self: a #CsRecord
 *
 * Returns: the API `status`: "ENABLED" or "DISABLED"
 */
const char *
cs_record_get_status_api_name (CsRecord *self)
{
  g_return_val_if_fail (CS_IS_RECORD (self), NULL);
  return self->row->enabled ? "ENABLED" : "DISABLED";
}

/**
 * cs_record_get_default_certificate:
 * @self: a #CsRecord
 *
 * Returns: %TRUE if the record is the saved default
 */
gboolean
cs_record_get_default_certificate (CsRecord *self)
{
  g_return_val_if_fail (CS_IS_RECORD (self), FALSE);
  return self->row->is_default;
}

/**
 * cs_record_get_current_state:
 * @self: a #CsRecord
 *
 * Returns: the step the record has reached
 */
CsRecordState
cs_record_get_current_state (CsRecord *self)
{
  g_return_val_if_fail (CS_IS_RECORD (self), CS_RECORD_STATE_GENERAL_DONE);
  return self->row->state;
}

/**
 * cs_record_get_state_label:
 * @self: a #CsRecord
 *
 * Returns: the translated state, as cs_record_state_get_label() gives it
 */
const char *
cs_record_get_state_label (CsRecord *self)
{
  g_return_val_if_fail (CS_IS_RECORD (self), NULL);
  return cs_record_state_get_label (self->row->state);
}

/**
 * cs_record_get_has_key:
 * @self: a #CsRecord
 *
 * Returns: %TRUE once the key pair is generated
 */
gboolean
cs_record_get_has_key (CsRecord *self)
{
  g_return_val_if_fail (CS_IS_RECORD (self), FALSE);
  return self->row->has_key;
}

/**
 * cs_record_get_key_type:
 * @self: a #CsRecord
 *
 * Returns: the type of the key pair (%CS_KEY_TYPE_DEFAULT before there is one)
 */
CsKeyType
cs_record_get_key_type (CsRecord *self)
{
  g_return_val_if_fail (CS_IS_RECORD (self), CS_KEY_TYPE_DEFAULT);
  return self->row->key_type;
}

/**
 * cs_record_get_key_size:
 * @self: a #CsRecord
 *
 * Returns: the API `keySize` (bits), or 0 before the key pair exists
 */
guint
cs_record_get_key_size (CsRecord *self)
{
  g_return_val_if_fail (CS_IS_RECORD (self), 0);
  return self->row->has_key ? cs_key_type_get_bits (self->row->key_type) : 0;
}

/**
 * cs_record_get_public_key:
 * @self: a #CsRecord
 *
 * Returns: (nullable): the public key, PEM, or %NULL before the key pair exists
 */
const char *
cs_record_get_public_key (CsRecord *self)
{
  g_return_val_if_fail (CS_IS_RECORD (self), NULL);
  return self->row->public_key;
}

/**
 * cs_record_get_key_fingerprint:
 * @self: a #CsRecord
 *
 * Returns: (nullable): the SHA-256 fingerprint of the public key
 */
const char *
cs_record_get_key_fingerprint (CsRecord *self)
{
  g_return_val_if_fail (CS_IS_RECORD (self), NULL);
  return self->row->key_fingerprint;
}

/**
 * cs_record_get_key_generation_time:
 * @self: a #CsRecord
 *
 * Returns: (nullable) (transfer none): when the key pair was generated
 */
GDateTime *
cs_record_get_key_generation_time (CsRecord *self)
{
  g_return_val_if_fail (CS_IS_RECORD (self), NULL);
  return self->times[TIME_KEY];
}

/**
 * cs_record_get_csr_file_name:
 * @self: a #CsRecord
 *
 * Returns: the CSR file name (without ".csr"), "" before the CSR
 */
const char *
cs_record_get_csr_file_name (CsRecord *self)
{
  g_return_val_if_fail (CS_IS_RECORD (self), NULL);
  return or_empty (self->row->csr_file_name);
}

/**
 * cs_record_get_csr_generation_time:
 * @self: a #CsRecord
 *
 * Returns: (nullable) (transfer none): when the CSR was generated
 */
GDateTime *
cs_record_get_csr_generation_time (CsRecord *self)
{
  g_return_val_if_fail (CS_IS_RECORD (self), NULL);
  return self->times[TIME_CSR];
}

static const char *
subject_field (CsRecord       *self,
               CsSubjectField  field)
{
  g_return_val_if_fail (CS_IS_RECORD (self), NULL);
  return or_empty (self->row->subject[field]);
}

/**
 * cs_record_get_common_name:
 * @self: a #CsRecord
 *
 * Returns: the CN of the CSR, "" before the CSR
 */
const char *
cs_record_get_common_name (CsRecord *self)
{
  return subject_field (self, CS_SUBJECT_COMMON_NAME);
}

/**
 * cs_record_get_organization:
 * @self: a #CsRecord
 *
 * Returns: the O of the CSR
 */
const char *
cs_record_get_organization (CsRecord *self)
{
  return subject_field (self, CS_SUBJECT_ORGANIZATION);
}

/**
 * cs_record_get_department:
 * @self: a #CsRecord
 *
 * Returns: the OU of the CSR
 */
const char *
cs_record_get_department (CsRecord *self)
{
  return subject_field (self, CS_SUBJECT_DEPARTMENT);
}

/**
 * cs_record_get_city:
 * @self: a #CsRecord
 *
 * Returns: the L of the CSR
 */
const char *
cs_record_get_city (CsRecord *self)
{
  return subject_field (self, CS_SUBJECT_CITY);
}

/**
 * cs_record_get_state_or_province:
 * @self: a #CsRecord
 *
 * Returns: the ST of the CSR
 */
const char *
cs_record_get_state_or_province (CsRecord *self)
{
  return subject_field (self, CS_SUBJECT_STATE);
}

/**
 * cs_record_get_country:
 * @self: a #CsRecord
 *
 * Returns: the C of the CSR
 */
const char *
cs_record_get_country (CsRecord *self)
{
  return subject_field (self, CS_SUBJECT_COUNTRY);
}

/**
 * cs_record_dup_subject:
 * @self: a #CsRecord
 *
 * Returns: (transfer full): the subject of the CSR (empty before the CSR)
 */
CsSubject *
cs_record_dup_subject (CsRecord *self)
{
  CsSubject *subject;

  g_return_val_if_fail (CS_IS_RECORD (self), NULL);

  subject = cs_subject_new ();
  for (guint i = 0; i < CS_N_SUBJECT_FIELDS; i++)
    cs_subject_set (subject, i, self->row->subject[i]);
  return subject;
}

/**
 * cs_record_get_signature_algorithm:
 * @self: a #CsRecord
 *
 * Returns: the digest of the CSR (%CS_DIGEST_DEFAULT before the CSR)
 */
CsDigest
cs_record_get_signature_algorithm (CsRecord *self)
{
  g_return_val_if_fail (CS_IS_RECORD (self), CS_DIGEST_DEFAULT);
  return self->row->digest;
}

/**
 * cs_record_get_path_length_constraint:
 * @self: a #CsRecord
 *
 * Returns: the path length the CSR asks for (0 or 1), -1 before the CSR
 */
gint
cs_record_get_path_length_constraint (CsRecord *self)
{
  g_return_val_if_fail (CS_IS_RECORD (self), -1);
  return self->row->path_length;
}

/**
 * cs_record_get_uploaded_cert_file_name:
 * @self: a #CsRecord
 *
 * Returns: the name of the uploaded certificate's file, "" before the upload
 */
const char *
cs_record_get_uploaded_cert_file_name (CsRecord *self)
{
  g_return_val_if_fail (CS_IS_RECORD (self), NULL);
  return or_empty (self->row->cert_file_name);
}

/**
 * cs_record_get_uploaded_chain_file_name:
 * @self: a #CsRecord
 *
 * Returns: the name of the uploaded chain's file, "" without a chain
 */
const char *
cs_record_get_uploaded_chain_file_name (CsRecord *self)
{
  g_return_val_if_fail (CS_IS_RECORD (self), NULL);
  return or_empty (self->row->chain_file_name);
}

/**
 * cs_record_get_cert_start_date:
 * @self: a #CsRecord
 *
 * Returns: (nullable) (transfer none): the certificate's notBefore
 */
GDateTime *
cs_record_get_cert_start_date (CsRecord *self)
{
  g_return_val_if_fail (CS_IS_RECORD (self), NULL);
  return self->times[TIME_CERT_START];
}

/**
 * cs_record_get_cert_exp_date:
 * @self: a #CsRecord
 *
 * Returns: (nullable) (transfer none): the certificate's notAfter
 */
GDateTime *
cs_record_get_cert_exp_date (CsRecord *self)
{
  g_return_val_if_fail (CS_IS_RECORD (self), NULL);
  return self->times[TIME_CERT_EXP];
}

/**
 * cs_record_get_has_chain:
 * @self: a #CsRecord
 *
 * Returns: %TRUE if issuers (other than the root) are stored with the certificate
 */
gboolean
cs_record_get_has_chain (CsRecord *self)
{
  g_return_val_if_fail (CS_IS_RECORD (self), FALSE);
  return self->row->has_chain;
}

/**
 * cs_record_get_has_root:
 * @self: a #CsRecord
 *
 * Returns: %TRUE if the root of the chain is known
 */
gboolean
cs_record_get_has_root (CsRecord *self)
{
  g_return_val_if_fail (CS_IS_RECORD (self), FALSE);
  return self->row->has_root;
}

/**
 * cs_record_get_active_enabled:
 * @self: a #CsRecord
 *
 * Returns: %TRUE if the record was ready and enabled at the last activation
 */
gboolean
cs_record_get_active_enabled (CsRecord *self)
{
  g_return_val_if_fail (CS_IS_RECORD (self), FALSE);
  return self->row->active_enabled;
}

/**
 * cs_record_get_active_default:
 * @self: a #CsRecord
 *
 * Returns: %TRUE if the record is the default of the active configuration
 */
gboolean
cs_record_get_active_default (CsRecord *self)
{
  g_return_val_if_fail (CS_IS_RECORD (self), FALSE);
  return self->row->active_default;
}

/**
 * cs_record_get_certificate_pending:
 * @self: a #CsRecord
 *
 * Returns: %TRUE if the certificate of this active, enabled record was
 *   replaced since the last activation
 */
gboolean
cs_record_get_certificate_pending (CsRecord *self)
{
  g_return_val_if_fail (CS_IS_RECORD (self), FALSE);
  return self->row->active_enabled && self->row->enabled && self->row->cert_pending;
}

/**
 * cs_record_get_chain_pending:
 * @self: a #CsRecord
 *
 * Returns: %TRUE if the chain of this active, enabled record was replaced
 *   since the last activation
 */
gboolean
cs_record_get_chain_pending (CsRecord *self)
{
  g_return_val_if_fail (CS_IS_RECORD (self), FALSE);
  return self->row->active_enabled && self->row->enabled && self->row->chain_pending;
}

/**
 * cs_record_get_can_delete:
 * @self: a #CsRecord
 *
 * Returns: %FALSE for the saved default and for the active one
 */
gboolean
cs_record_get_can_delete (CsRecord *self)
{
  g_return_val_if_fail (CS_IS_RECORD (self), FALSE);
  return !self->row->is_default && !self->row->active_default;
}

/**
 * cs_record_get_can_disable:
 * @self: a #CsRecord
 *
 * Returns: %TRUE if the record is enabled and neither the saved nor the
 *   active default
 */
gboolean
cs_record_get_can_disable (CsRecord *self)
{
  g_return_val_if_fail (CS_IS_RECORD (self), FALSE);
  return self->row->enabled && cs_record_get_can_delete (self);
}

/**
 * cs_record_get_can_make_default:
 * @self: a #CsRecord
 *
 * Returns: %TRUE if the record is ready, enabled and not yet the default
 */
gboolean
cs_record_get_can_make_default (CsRecord *self)
{
  g_return_val_if_fail (CS_IS_RECORD (self), FALSE);
  return self->row->state == CS_RECORD_STATE_CERT_READY && self->row->enabled &&
         !self->row->is_default;
}

/**
 * cs_record_get_key_regeneration_discards:
 * @self: a #CsRecord
 *
 * Returns: %TRUE if regenerating the key pair of this draft would discard
 *   its CSR (and what came after): the front end asks first
 */
gboolean
cs_record_get_key_regeneration_discards (CsRecord *self)
{
  g_return_val_if_fail (CS_IS_RECORD (self), FALSE);
  return self->row->state >= CS_RECORD_STATE_CSRGEN_DONE &&
         self->row->state < CS_RECORD_STATE_CERT_READY;
}

/**
 * cs_record_get_csr_regeneration_discards:
 * @self: a #CsRecord
 *
 * Returns: %TRUE if regenerating the CSR of this draft would discard its
 *   uploaded certificate and chain
 */
gboolean
cs_record_get_csr_regeneration_discards (CsRecord *self)
{
  g_return_val_if_fail (CS_IS_RECORD (self), FALSE);
  return self->row->state >= CS_RECORD_STATE_INTCERT_UPLOAD_DONE &&
         self->row->state < CS_RECORD_STATE_CERT_READY;
}

/* Details. */

struct _CsRecordDetails
{
  GObject    parent_instance;

  gint64     id;
  CsKeyPair *key_pair;
  char      *csr_pem;
  char      *certificate_pem;
  char      *chain_pem;
  char      *root_pem;
};

G_DEFINE_FINAL_TYPE (CsRecordDetails, cs_record_details, G_TYPE_OBJECT)

static void
cs_record_details_finalize (GObject *object)
{
  CsRecordDetails *self = CS_RECORD_DETAILS (object);

  g_clear_object (&self->key_pair);
  g_free (self->csr_pem);
  g_free (self->certificate_pem);
  g_free (self->chain_pem);
  g_free (self->root_pem);

  G_OBJECT_CLASS (cs_record_details_parent_class)->finalize (object);
}

static void
cs_record_details_class_init (CsRecordDetailsClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cs_record_details_finalize;
}

static void
cs_record_details_init (CsRecordDetails *self)
{
}

CsRecordDetails *
cs_record_details_new (gint64      id,
                       CsKeyPair  *key_pair,
                       const char *csr_pem,
                       const char *certificate_pem,
                       const char *chain_pem,
                       const char *root_pem)
{
  CsRecordDetails *self = g_object_new (CS_TYPE_RECORD_DETAILS, NULL);

  self->id = id;
  self->key_pair = key_pair != NULL ? g_object_ref (key_pair) : NULL;
  self->csr_pem = g_strdup (csr_pem);
  self->certificate_pem = g_strdup (certificate_pem);
  self->chain_pem = g_strdup (chain_pem);
  self->root_pem = g_strdup (root_pem);
  return self;
}

/**
 * cs_record_details_get_id:
 * @self: a #CsRecordDetails
 *
 * Returns: the id of the record these details belong to
 */
gint64
cs_record_details_get_id (CsRecordDetails *self)
{
  g_return_val_if_fail (CS_IS_RECORD_DETAILS (self), 0);
  return self->id;
}

/**
 * cs_record_details_get_key_pair:
 * @self: a #CsRecordDetails
 *
 * Returns: (nullable) (transfer none): the key pair, %NULL before keygen
 */
CsKeyPair *
cs_record_details_get_key_pair (CsRecordDetails *self)
{
  g_return_val_if_fail (CS_IS_RECORD_DETAILS (self), NULL);
  return self->key_pair;
}

/**
 * cs_record_details_get_csr_pem:
 * @self: a #CsRecordDetails
 *
 * Returns: (nullable): the CSR, PEM
 */
const char *
cs_record_details_get_csr_pem (CsRecordDetails *self)
{
  g_return_val_if_fail (CS_IS_RECORD_DETAILS (self), NULL);
  return self->csr_pem;
}

/**
 * cs_record_details_get_certificate_pem:
 * @self: a #CsRecordDetails
 *
 * Returns: (nullable): the intermediate certificate, PEM
 */
const char *
cs_record_details_get_certificate_pem (CsRecordDetails *self)
{
  g_return_val_if_fail (CS_IS_RECORD_DETAILS (self), NULL);
  return self->certificate_pem;
}

/**
 * cs_record_details_get_chain_pem:
 * @self: a #CsRecordDetails
 *
 * Returns: (nullable): the issuers of the certificate, in order, without
 *   the root and without the certificate itself
 */
const char *
cs_record_details_get_chain_pem (CsRecordDetails *self)
{
  g_return_val_if_fail (CS_IS_RECORD_DETAILS (self), NULL);
  return self->chain_pem;
}

/**
 * cs_record_details_get_root_pem:
 * @self: a #CsRecordDetails
 *
 * Returns: (nullable): the root of the chain, when it was uploaded
 */
const char *
cs_record_details_get_root_pem (CsRecordDetails *self)
{
  g_return_val_if_fail (CS_IS_RECORD_DETAILS (self), NULL);
  return self->root_pem;
}
