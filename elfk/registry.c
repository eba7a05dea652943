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
 */
#include <linux/ctype.h>
#include <linux/cred.h>
#include <linux/uidgid.h>
#include <linux/xarray.h>

#include "internal.h"

static DEFINE_XARRAY_ALLOC1(objects);
static unsigned int nr_objects;

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
	struct elfk_object *obj;
	unsigned long id;

	xa_for_each(&objects, id, obj)
		if (!strcmp(obj->name, name))
			return true;
	return false;
}

static unsigned int objects_of(kuid_t uid)
{
	struct elfk_object *obj;
	unsigned int n = 0;
	unsigned long id;

	xa_for_each(&objects, id, obj)
		if (uid_eq(obj->owner, uid))
			n++;
	return n;
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
	mine = objects_of(obj->owner);
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
	err = __xa_alloc(&objects, &obj->id, obj, xa_limit_31b, GFP_ATOMIC);
	if (err)
		goto out;
	nr_objects++;
	if (name)
		strscpy(obj->name, name, sizeof(obj->name));
	else if (soname && *soname && strlen(soname) < sizeof(obj->name) &&
		 !name_reserved(soname) && !name_taken(soname))
		strscpy(obj->name, soname, sizeof(obj->name));
	else
		snprintf(obj->name, sizeof(obj->name), "obj%u", obj->id);
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
	__xa_erase(&objects, obj->id);
	nr_objects--;
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
		__xa_erase(&objects, obj->id);
		nr_objects--;
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
	struct elfk_object *obj, *found = NULL;
	unsigned long id;

	xa_lock(&objects);
	xa_for_each(&objects, id, obj) {
		if (obj->state == ELFK_STATE_LIVE && !strcmp(obj->name, name)) {
			kref_get(&obj->kref);
			found = obj;
			break;
		}
	}
	xa_unlock(&objects);
	return found;
}
EXPORT_SYMBOL_NS_GPL(elfk_object_get_by_name, ELFK_NS);

/* A live object whose DT_SONAME (or, failing that, name) is @soname. */
struct elfk_object *elfk_registry_get_provider(const char *soname)
{
	struct elfk_object *obj, *found = NULL;
	unsigned long id;

	xa_lock(&objects);
	xa_for_each(&objects, id, obj) {
		if (obj->state != ELFK_STATE_LIVE)
			continue;
		if (obj->elf.soname ? !strcmp(obj->elf.soname, soname) :
				      !strcmp(obj->name, soname)) {
			kref_get(&obj->kref);
			found = obj;
			break;
		}
	}
	xa_unlock(&objects);
	return found;
}

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
			if (elfk_registry_unpublish(obj, 1)) {
				busy++;
			} else {
				elfk_object_put(obj);
				progress = true;
			}
		}
	} while (busy && progress);
	return busy;
}
