// SPDX-License-Identifier: GPL-2.0
/*
 * The registry of loaded objects: ids, unique names, and the reference the
 * registry holds on each live object.
 *
 * An id is reserved (state LOADING) before the object's constructors run
 * and published (state LIVE) after, so a name is never handed out twice and
 * nobody can reach an object that is not fully initialised.  All of it is
 * under the xarray's spinlock; taking a reference and unpublishing are
 * therefore atomic with respect to each other, which is what lets UNLOAD
 * refuse an object that a caller is using.
 *
 * Nothing on the LOAD path walks the loaded objects, so a LOAD costs the
 * same with ten thousand objects loaded as with none: the caps read
 * counters (@nr_objects, and @users: objects per uid), names are found in
 * an rhashtable and providers (DT_SONAME, else name) in an rhltable.  The
 * counters and both indexes change only under the xarray's spinlock,
 * together with the xarray itself, so they always describe exactly the
 * objects the xarray holds.
 */
#include <linux/ctype.h>
#include <linux/cred.h>
#include <linux/jhash.h>
#include <linux/lockdep.h>
#include <linux/rhashtable.h>
#include <linux/uidgid.h>
#include <linux/xarray.h>

#include "internal.h"

static DEFINE_XARRAY_ALLOC1(objects);
static unsigned int nr_objects;
/* uid -> number of objects it has in @objects, as a value entry; no 0s. */
static DEFINE_XARRAY(users);

static u32 name_hash(const void *data, u32 len, u32 seed)
{
	return jhash(data, strlen(data), seed);
}

static u32 obj_name_hash(const void *data, u32 len, u32 seed)
{
	const struct elfk_object *obj = data;

	return name_hash(obj->name, 0, seed);
}

static int obj_name_cmp(struct rhashtable_compare_arg *arg, const void *data)
{
	const struct elfk_object *obj = data;

	return strcmp(obj->name, arg->key);
}

static const struct rhashtable_params name_params = {
	.head_offset = offsetof(struct elfk_object, by_name),
	.hashfn = name_hash,
	.obj_hashfn = obj_name_hash,
	.obj_cmpfn = obj_name_cmp,
	.automatic_shrinking = true,
};

/* What a DT_NEEDED entry finds an object by. */
static const char *provider_key(const struct elfk_object *obj)
{
	return obj->elf.soname ?: obj->name;
}

static u32 obj_provider_hash(const void *data, u32 len, u32 seed)
{
	return name_hash(provider_key(data), 0, seed);
}

static int obj_provider_cmp(struct rhashtable_compare_arg *arg,
			    const void *data)
{
	return strcmp(provider_key(data), arg->key);
}

static const struct rhashtable_params provider_params = {
	.head_offset = offsetof(struct elfk_object, by_provider),
	.hashfn = name_hash,
	.obj_hashfn = obj_provider_hash,
	.obj_cmpfn = obj_provider_cmp,
	.automatic_shrinking = true,
};

static struct rhashtable by_name;
static struct rhltable by_provider;
static bool registry_ready;

/* Idempotent: KUnit suites may load objects before the module's own init. */
int elfk_registry_init(void)
{
	int err;

	if (registry_ready)
		return 0;
	err = rhashtable_init(&by_name, &name_params);
	if (err)
		return err;
	err = rhltable_init(&by_provider, &provider_params);
	if (err) {
		rhashtable_destroy(&by_name);
		return err;
	}
	registry_ready = true;
	return 0;
}

/* After elfk_registry_unload_all(): the indexes are empty. */
void elfk_registry_exit(void)
{
	if (!registry_ready)
		return;
	registry_ready = false;
	rhltable_destroy(&by_provider);
	rhashtable_destroy(&by_name);
}

static unsigned int user_objects(kuid_t uid)
{
	lockdep_assert_held(&objects.xa_lock);
	return xa_to_value(xa_load(&users, __kuid_val(uid)) ?: xa_mk_value(0));
}

/*
 * Count @obj against its owner.  Only a uid's first object allocates (an
 * xarray node, atomically: we are under a spinlock); the count of a uid
 * with objects is rewritten in place, so uncounting never fails.
 */
static int user_count(struct elfk_object *obj)
{
	unsigned long n = user_objects(obj->owner) + 1;

	return xa_err(xa_store(&users, __kuid_val(obj->owner), xa_mk_value(n),
			       GFP_ATOMIC | __GFP_ACCOUNT | __GFP_NOWARN));
}

static void user_uncount(struct elfk_object *obj)
{
	unsigned long n = user_objects(obj->owner);

	if (WARN_ON_ONCE(!n))
		return;
	if (n == 1)
		xa_erase(&users, __kuid_val(obj->owner));
	else
		xa_store(&users, __kuid_val(obj->owner), xa_mk_value(n - 1),
			 GFP_ATOMIC);
}

/*
 * Take @obj out of the xarray, the counters and the indexes: the one way
 * an object leaves the registry, whether its load failed or it is
 * unloaded.
 */
static void registry_erase(struct elfk_object *obj)
{
	lockdep_assert_held(&objects.xa_lock);
	__xa_erase(&objects, obj->id);
	nr_objects--;
	user_uncount(obj);
	rhashtable_remove_fast(&by_name, &obj->by_name, name_params);
	rhltable_remove(&by_provider, &obj->by_provider, provider_params);
}

/**
 * elfk_registry_user_objects() - the number of objects counted against a uid
 * @uid: the owner
 *
 * What the max_objects_per_user cap compares to: LOADING and LIVE objects.
 *
 * Return: that number.
 */
unsigned int elfk_registry_user_objects(kuid_t uid)
{
	unsigned int n;

	xa_lock(&objects);
	n = user_objects(uid);
	xa_unlock(&objects);
	return n;
}
EXPORT_SYMBOL_IF_KUNIT(elfk_registry_user_objects);

/*
 * "obj<N>" is the name an object gets when it has no other: it is reserved
 * for that, so neither an explicit name nor a DT_SONAME can take the name
 * a later object's id will give it.  Ids are unique, so automatic names
 * are too, without a search.
 */
static bool name_reserved(const char *name)
{
	const char *p = name + 3;

	if (strncmp(name, "obj", 3) || !*p)
		return false;
	for (; *p; p++)
		if (!isdigit(*p))
			return false;
	return true;
}

static bool name_taken(const char *name)
{
	lockdep_assert_held(&objects.xa_lock);
	return rhashtable_lookup_fast(&by_name, name, name_params);
}

/*
 * Give @obj an id and its name: @name, else its DT_SONAME if free, else
 * "obj<id>".  An explicit name that is taken is -EEXIST, one of the
 * reserved form obj<N> -EINVAL.
 */
int elfk_registry_reserve(struct elfk_object *obj, const char *name,
			  struct elfk_log *log)
{
	const char *soname = obj->elf.soname;
	unsigned int mine;
	int err;

	obj->owner = current_euid();
	xa_lock(&objects);
	if (nr_objects >= READ_ONCE(elfk_max_objects)) {
		err = elfk_reject(log, -E2BIG, "%u objects are loaded, the max_objects cap",
				  nr_objects);
		goto out;
	}
	mine = user_objects(obj->owner);
	if (mine >= READ_ONCE(elfk_max_objects_per_user)) {
		err = elfk_reject(log, -E2BIG,
				  "uid %u has %u objects loaded, the max_objects_per_user cap",
				  from_kuid(&init_user_ns, obj->owner), mine);
		goto out;
	}
	if (name && name_reserved(name)) {
		err = elfk_reject(log, -EINVAL,
				  "name '%s' is reserved: obj<N> names the object with id N when it is loaded without a name",
				  name);
		goto out;
	}
	if (name && name_taken(name)) {
		err = elfk_reject(log, -EEXIST, "name '%s' is already in use", name);
		goto out;
	}
	obj->state = ELFK_STATE_LOADING;
	err = user_count(obj);
	if (err) {
		elfk_reject(log, err, "out of memory for the registry's count of uid %u",
			    from_kuid(&init_user_ns, obj->owner));
		goto out;
	}
	err = __xa_alloc(&objects, &obj->id, obj, xa_limit_31b, GFP_ATOMIC);
	if (err) {
		elfk_reject(log, err, "no registry id available (%d)", err);
		goto out_uncount;
	}
	nr_objects++;
	if (name)
		strscpy(obj->name, name, sizeof(obj->name));
	else if (soname && *soname && strlen(soname) < sizeof(obj->name) &&
		 !name_reserved(soname) && !name_taken(soname))
		strscpy(obj->name, soname, sizeof(obj->name));
	else
		snprintf(obj->name, sizeof(obj->name), "obj%u", obj->id);
	err = rhashtable_insert_fast(&by_name, &obj->by_name, name_params);
	if (err)
		goto out_erase;
	/* rhltable_insert() would compare the object itself as the key. */
	err = rhltable_insert_key(&by_provider, provider_key(obj),
				  &obj->by_provider, provider_params);
	if (err)
		goto out_unname;
	goto out;

out_unname:
	rhashtable_remove_fast(&by_name, &obj->by_name, name_params);
out_erase:
	elfk_reject(log, err, "could not index the name '%s' (%d)", obj->name, err);
	__xa_erase(&objects, obj->id);
	nr_objects--;
out_uncount:
	user_uncount(obj);
out:
	xa_unlock(&objects);
	return err;
}

void elfk_registry_publish(struct elfk_object *obj)
{
	xa_lock(&objects);
	obj->state = ELFK_STATE_LIVE;
	xa_unlock(&objects);
}

/* Drop a reserved id (a load that failed after elfk_registry_reserve()). */
void elfk_registry_remove(struct elfk_object *obj)
{
	xa_lock(&objects);
	registry_erase(obj);
	xa_unlock(&objects);
}

/*
 * Unpublish a live object if nobody but the registry and the caller's
 * @refs - 1 references hold it.  The registry's reference then belongs to
 * the caller, who drops it to tear the object down.
 */
int elfk_registry_unpublish(struct elfk_object *obj, unsigned int refs)
{
	int err = 0;

	xa_lock(&objects);
	if (obj->state != ELFK_STATE_LIVE)
		err = -ENOENT;
	else if (kref_read(&obj->kref) != refs)
		err = -EBUSY;
	if (!err) {
		obj->state = ELFK_STATE_UNLOADING;
		registry_erase(obj);
	}
	xa_unlock(&objects);
	return err;
}

/**
 * elfk_object_get() - find a live object by id and take a reference
 * @id: the object's id
 *
 * Return: the object, to be released with elfk_object_put(), or NULL.
 */
struct elfk_object *elfk_object_get(u32 id)
{
	struct elfk_object *obj;

	xa_lock(&objects);
	obj = xa_load(&objects, id);
	if (obj && obj->state == ELFK_STATE_LIVE)
		kref_get(&obj->kref);
	else
		obj = NULL;
	xa_unlock(&objects);
	return obj;
}
EXPORT_SYMBOL_NS_GPL(elfk_object_get, ELFK_NS);

/**
 * elfk_object_get_by_name() - find a live object by name and take a reference
 * @name: the object's name
 *
 * Return: the object, to be released with elfk_object_put(), or NULL.
 */
struct elfk_object *elfk_object_get_by_name(const char *name)
{
	struct elfk_object *obj;

	xa_lock(&objects);
	obj = rhashtable_lookup_fast(&by_name, name, name_params);
	if (obj && obj->state == ELFK_STATE_LIVE)
		kref_get(&obj->kref);
	else
		obj = NULL;
	xa_unlock(&objects);
	return obj;
}
EXPORT_SYMBOL_NS_GPL(elfk_object_get_by_name, ELFK_NS);

/*
 * The live object with the smallest id whose DT_SONAME (or, failing that,
 * name) is @soname.  Only objects with that key are visited.
 */
struct elfk_object *elfk_registry_get_provider(const char *soname)
{
	struct elfk_object *obj, *found = NULL;
	struct rhlist_head *list, *pos;

	xa_lock(&objects);
	rcu_read_lock();
	list = rhltable_lookup(&by_provider, soname, provider_params);
	rhl_for_each_entry_rcu(obj, pos, list, by_provider)
		if (obj->state == ELFK_STATE_LIVE && (!found || obj->id < found->id))
			found = obj;
	rcu_read_unlock();
	if (found)
		kref_get(&found->kref);
	xa_unlock(&objects);
	return found;
}
EXPORT_SYMBOL_IF_KUNIT(elfk_registry_get_provider);

/* Name an object that depends on @dep; returns its id, or 0 if none. */
int elfk_registry_dependent(struct elfk_object *dep, char *name, size_t size)
{
	struct elfk_object *obj;
	unsigned long id;
	u32 i;

	xa_lock(&objects);
	xa_for_each(&objects, id, obj) {
		for (i = 0; i < obj->nr_deps; i++) {
			if (obj->deps[i] == dep) {
				strscpy(name, obj->name, size);
				xa_unlock(&objects);
				return id;
			}
		}
	}
	xa_unlock(&objects);
	return 0;
}

/*
 * The object with the smallest id >= *@id, referenced, whatever its state
 * (INFO reports LOADING objects too); *@id is set to its id.
 */
struct elfk_object *elfk_registry_next(u32 *id)
{
	struct elfk_object *obj;
	unsigned long index = *id;

	xa_lock(&objects);
	obj = xa_find(&objects, &index, U32_MAX, XA_PRESENT);
	if (obj) {
		kref_get(&obj->kref);
		*id = index;
	}
	xa_unlock(&objects);
	return obj;
}

/*
 * Module exit: unload every object nobody else holds.  Dependents hold
 * their dependencies, so repeat until no round makes progress: each round
 * frees the objects nothing depends on any more.
 */
unsigned int elfk_registry_unload_all(void)
{
	struct elfk_object *obj;
	unsigned int busy;
	unsigned long id;
	bool progress;

	do {
		progress = false;
		busy = 0;
		xa_for_each(&objects, id, obj) {
			/* No caller: the registry's reference is the only one. */
			if (elfk_registry_unpublish(obj, ELFK_REFS_REGISTRY)) {
				busy++;
			} else {
				elfk_object_put(obj);
				progress = true;
			}
		}
	} while (busy && progress);
	return busy;
}
