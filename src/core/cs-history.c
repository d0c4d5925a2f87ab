/* cs-history.c — the events of the store's history table
 *
 * Copyright 2026 The Chainsmith authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "cs-store-private.h"

/**
 * SECTION:cs-history
 * @title: CsHistoryEvent
 *
 * One event of the history that the store keeps: what happened, when, to
 * which record. cs_store_load_history_async() gives them, newest first.
 */

typedef struct
{
  const char *api_name;
  const char *label;
} KindInfo;

static const KindInfo kinds[CS_N_HISTORY_KINDS] = {
  [CS_HISTORY_CREATED] = { "CREATED", N_("Created") },
  [CS_HISTORY_RENAMED] = { "RENAMED", N_("Renamed") },
  [CS_HISTORY_KEY_GENERATED] = { "KEY_GENERATED", N_("Key pair generated") },
  [CS_HISTORY_CSR_GENERATED] = { "CSR_GENERATED", N_("CSR generated") },
  [CS_HISTORY_CERTIFICATE_UPLOADED] = { "CERTIFICATE_UPLOADED", N_("Certificate uploaded") },
  [CS_HISTORY_CERTIFICATE_REPLACED] = { "CERTIFICATE_REPLACED", N_("Certificate replaced") },
  [CS_HISTORY_CHAIN_UPLOADED] = { "CHAIN_UPLOADED", N_("Chain uploaded") },
  [CS_HISTORY_CHAIN_REPLACED] = { "CHAIN_REPLACED", N_("Chain replaced") },
  [CS_HISTORY_FINALIZED] = { "FINALIZED", N_("Finalized") },
  [CS_HISTORY_DEFAULT_CHANGED] = { "DEFAULT_CHANGED", N_("Made the default") },
  [CS_HISTORY_ENABLED] = { "ENABLED", N_("Enabled") },
  [CS_HISTORY_DISABLED] = { "DISABLED", N_("Disabled") },
  [CS_HISTORY_ACTIVATED] = { "ACTIVATED", N_("Configuration activated") },
  [CS_HISTORY_DELETED] = { "DELETED", N_("Deleted") },
};

static const GEnumValue kind_values[] = {
  { CS_HISTORY_CREATED, "CS_HISTORY_CREATED", "created" },
  { CS_HISTORY_RENAMED, "CS_HISTORY_RENAMED", "renamed" },
  { CS_HISTORY_KEY_GENERATED, "CS_HISTORY_KEY_GENERATED", "key-generated" },
  { CS_HISTORY_CSR_GENERATED, "CS_HISTORY_CSR_GENERATED", "csr-generated" },
  { CS_HISTORY_CERTIFICATE_UPLOADED, "CS_HISTORY_CERTIFICATE_UPLOADED", "certificate-uploaded" },
  { CS_HISTORY_CERTIFICATE_REPLACED, "CS_HISTORY_CERTIFICATE_REPLACED", "certificate-replaced" },
  { CS_HISTORY_CHAIN_UPLOADED, "CS_HISTORY_CHAIN_UPLOADED", "chain-uploaded" },
  { CS_HISTORY_CHAIN_REPLACED, "CS_HISTORY_CHAIN_REPLACED", "chain-replaced" },
  { CS_HISTORY_FINALIZED, "CS_HISTORY_FINALIZED", "finalized" },
  { CS_HISTORY_DEFAULT_CHANGED, "CS_HISTORY_DEFAULT_CHANGED", "default-changed" },
  { CS_HISTORY_ENABLED, "CS_HISTORY_ENABLED", "enabled" },
  { CS_HISTORY_DISABLED, "CS_HISTORY_DISABLED", "disabled" },
  { CS_HISTORY_ACTIVATED, "CS_HISTORY_ACTIVATED", "activated" },
  { CS_HISTORY_DELETED, "CS_HISTORY_DELETED", "deleted" },
  { 0, NULL, NULL },
};

GType
cs_history_kind_get_type (void)
{
  static gsize type = 0;

  if (g_once_init_enter (&type))
    g_once_init_leave (&type, g_enum_register_static (g_intern_static_string ("CsHistoryKind"),
                                                      kind_values));
  return type;
}

/**
 * cs_history_kind_get_api_name:
 * @kind: a #CsHistoryKind
 *
 * Returns: the name stored in the database ("KEY_GENERATED")
 */
const char *
cs_history_kind_get_api_name (CsHistoryKind kind)
{
  g_return_val_if_fail ((guint) kind < CS_N_HISTORY_KINDS, NULL);
  return kinds[kind].api_name;
}

/**
 * cs_history_kind_from_api_name:
 * @name: a name as cs_history_kind_get_api_name() returns
 * @kind: (out): where to store the kind
 *
 * Returns: %TRUE if @name names a kind
 */
gboolean
cs_history_kind_from_api_name (const char    *name,
                               CsHistoryKind *kind)
{
  for (guint i = 0; i < CS_N_HISTORY_KINDS; i++)
    if (g_strcmp0 (name, kinds[i].api_name) == 0)
      {
        *kind = i;
        return TRUE;
      }
  return FALSE;
}

/**
 * cs_history_kind_get_label:
 * @kind: a #CsHistoryKind
 *
 * Returns: the translated name of the kind ("Key pair generated")
 */
const char *
cs_history_kind_get_label (CsHistoryKind kind)
{
  g_return_val_if_fail ((guint) kind < CS_N_HISTORY_KINDS, NULL);
  return _(kinds[kind].label);
}

void
cs_history_row_free (CsHistoryRow *row)
{
  if (row == NULL)
    return;
  g_free (row->record_name);
  g_free (row->detail);
  g_free (row);
}

struct _CsHistoryEvent
{
  GObject        parent_instance;

  gint64         id;
  GDateTime     *time;
  CsHistoryKind  kind;
  gint64         record_id;
  char          *record_name;
  char          *summary;
  char          *detail;
};

G_DEFINE_FINAL_TYPE (CsHistoryEvent, cs_history_event, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_TIME,
  PROP_KIND,
  PROP_RECORD_ID,
  PROP_RECORD_NAME,
  PROP_SUMMARY,
  PROP_DETAIL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
cs_history_event_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  CsHistoryEvent *self = CS_HISTORY_EVENT (object);

  switch (prop_id)
    {
    case PROP_ID: g_value_set_int64 (value, self->id); break;
    case PROP_TIME: g_value_set_boxed (value, self->time); break;
    case PROP_KIND: g_value_set_enum (value, self->kind); break;
    case PROP_RECORD_ID: g_value_set_int64 (value, self->record_id); break;
    case PROP_RECORD_NAME: g_value_set_string (value, self->record_name); break;
    case PROP_SUMMARY: g_value_set_string (value, self->summary); break;
    case PROP_DETAIL: g_value_set_string (value, self->detail); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cs_history_event_finalize (GObject *object)
{
  CsHistoryEvent *self = CS_HISTORY_EVENT (object);

  g_clear_pointer (&self->time, g_date_time_unref);
  g_free (self->record_name);
  g_free (self->summary);
  g_free (self->detail);

  G_OBJECT_CLASS (cs_history_event_parent_class)->finalize (object);
}

static void
cs_history_event_class_init (CsHistoryEventClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->get_property = cs_history_event_get_property;
  object_class->finalize = cs_history_event_finalize;

  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_TIME] = g_param_spec_boxed ("time", NULL, NULL, G_TYPE_DATE_TIME, flags);
  properties[PROP_KIND] = g_param_spec_enum ("kind", NULL, NULL, CS_TYPE_HISTORY_KIND,
                                             CS_HISTORY_CREATED, flags);
  properties[PROP_RECORD_ID] = g_param_spec_int64 ("record-id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_RECORD_NAME] = g_param_spec_string ("record-name", NULL, NULL, NULL, flags);
  properties[PROP_SUMMARY] = g_param_spec_string ("summary", NULL, NULL, NULL, flags);
  properties[PROP_DETAIL] = g_param_spec_string ("detail", NULL, NULL, NULL, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cs_history_event_init (CsHistoryEvent *self)
{
}

static char *
make_summary (const CsHistoryRow *row)
{
  const char *name = row->record_name;

  switch (row->kind)
    {
    case CS_HISTORY_ACTIVATED:
      return g_strdup (_("Configuration activated"));
    case CS_HISTORY_RENAMED:
      /* Translators: a history line: old name, new name */
      return g_strdup_printf (_("“%s” renamed to “%s”"), row->detail ? row->detail : "", name);
    case CS_HISTORY_DEFAULT_CHANGED:
      if (row->detail != NULL && *row->detail != '\0')
        /* Translators: a history line: new default, old default */
        return g_strdup_printf (_("“%s” made the default instead of “%s”"), name, row->detail);
      return g_strdup_printf (_("“%s” made the default"), name);
    case CS_HISTORY_CREATED:
    case CS_HISTORY_KEY_GENERATED:
    case CS_HISTORY_CSR_GENERATED:
    case CS_HISTORY_CERTIFICATE_UPLOADED:
    case CS_HISTORY_CERTIFICATE_REPLACED:
    case CS_HISTORY_CHAIN_UPLOADED:
    case CS_HISTORY_CHAIN_REPLACED:
    case CS_HISTORY_FINALIZED:
    case CS_HISTORY_ENABLED:
    case CS_HISTORY_DISABLED:
    case CS_HISTORY_DELETED:
    default:
      /* Translators: a history line: what happened, to which record */
      return g_strdup_printf (_("%s: “%s”"), cs_history_kind_get_label (row->kind), name);
    }
}

CsHistoryEvent *
cs_history_event_new_from_row (const CsHistoryRow *row)
{
  CsHistoryEvent *self = g_object_new (CS_TYPE_HISTORY_EVENT, NULL);

  self->id = row->id;
  self->time = g_date_time_new_from_unix_utc (row->time);
  self->kind = row->kind;
  self->record_id = row->record_id;
  self->record_name = g_strdup (row->record_name ? row->record_name : "");
  self->detail = g_strdup (row->detail);
  self->summary = make_summary (row);
  return self;
}

/**
 * cs_history_event_get_id:
 * @self: a #CsHistoryEvent
 *
 * Returns: the event's id, increasing with time
 */
gint64
cs_history_event_get_id (CsHistoryEvent *self)
{
  g_return_val_if_fail (CS_IS_HISTORY_EVENT (self), 0);
  return self->id;
}

/**
 * cs_history_event_get_time:
 * @self: a #CsHistoryEvent
 *
 * Returns: (transfer none): when it happened (UTC)
 */
GDateTime *
cs_history_event_get_time (CsHistoryEvent *self)
{
  g_return_val_if_fail (CS_IS_HISTORY_EVENT (self), NULL);
  return self->time;
}

/**
 * cs_history_event_get_kind:
 * @self: a #CsHistoryEvent
 *
 * Returns: what happened
 */
CsHistoryKind
cs_history_event_get_kind (CsHistoryEvent *self)
{
  g_return_val_if_fail (CS_IS_HISTORY_EVENT (self), CS_HISTORY_CREATED);
  return self->kind;
}

/**
 * cs_history_event_get_record_id:
 * @self: a #CsHistoryEvent
 *
 * Returns: the id of the record, 0 for an activation
 */
gint64
cs_history_event_get_record_id (CsHistoryEvent *self)
{
  g_return_val_if_fail (CS_IS_HISTORY_EVENT (self), 0);
  return self->record_id;
}

/**
 * cs_history_event_get_record_name:
 * @self: a #CsHistoryEvent
 *
 * Returns: the record's name at the time, "" for an activation
 */
const char *
cs_history_event_get_record_name (CsHistoryEvent *self)
{
  g_return_val_if_fail (CS_IS_HISTORY_EVENT (self), NULL);
  return self->record_name;
}

/**
 * cs_history_event_get_summary:
 * @self: a #CsHistoryEvent
 *
 * Returns: one translated line for people
 */
const char *
cs_history_event_get_summary (CsHistoryEvent *self)
{
  g_return_val_if_fail (CS_IS_HISTORY_EVENT (self), NULL);
  return self->summary;
}

/**
 * cs_history_event_get_detail:
 * @self: a #CsHistoryEvent
 *
 * Returns: (nullable): what the event keeps besides: the old certificate or
 *   chain of a replacement (PEM), the old name, the old default, or the
 *   changes an activation made
 */
const char *
cs_history_event_get_detail (CsHistoryEvent *self)
{
  g_return_val_if_fail (CS_IS_HISTORY_EVENT (self), NULL);
  return self->detail;
}
