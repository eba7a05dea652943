// SPDX-License-Identifier: GPL-2.0
/*
 * elfk-ctl: naming loaded objects (OBJ arguments) and listing them.
 *
 * An OBJ on the command line is an id when it is all decimal digits, and a
 * name otherwise.  Names are resolved by walking the registry with
 * ELFK_INFO_NEXT, which never reports a stale id: an object that goes away
 * during the walk is simply not seen, and ENOENT ends the walk.
 *
 * Copyright (C) 2026 The elfk authors
 */
#include <errno.h>
#include <string.h>

#include "obj.h"

/**
 * elfk_obj_parse_id() - parse an OBJ made only of decimal digits
 * @s: the OBJ argument
 * @id: out: the id
 *
 * Return: 0; -EINVAL when @s is not all decimal digits (so it is a name);
 * -ERANGE when it is digits but not a valid id (0 or above 2^32 - 1).
 */
int elfk_obj_parse_id(const char *s, __u32 *id)
{
	unsigned long long v = 0;
	const char *p;

	if (!*s)
		return -EINVAL;
	for (p = s; *p; p++)
		if (*p < '0' || *p > '9')
			return -EINVAL;
	for (p = s; *p; p++) {
		v = v * 10 + (*p - '0');
		if (v > 0xffffffffULL)
			return -ERANGE;
	}
	if (!v)
		return -ERANGE;
	*id = v;
	return 0;
}

/**
 * elfk_obj_for_each() - call @cb for every loaded object, in id order
 * @query: performs one ELFK_IOC_INFO
 * @ctx: passed to @query
 * @cb: called per object
 * @data: passed to @cb
 *
 * Return: 0 when the walk ended (ENOENT), @cb's nonzero return value, or
 * the negative errno of a failed query.
 */
int elfk_obj_for_each(elfk_info_fn query, void *ctx, elfk_obj_cb cb, void *data)
{
	struct elfk_info info;
	__u32 next = 0;
	int err;

	for (;;) {
		memset(&info, 0, sizeof(info));
		info.size = sizeof(info);
		info.flags = ELFK_INFO_NEXT;
		info.id = next;
		err = query(ctx, &info);
		if (err == -ENOENT)
			return 0;
		if (err)
			return err;
		/* A reply below the cursor would loop forever: stop instead. */
		if (info.id < next)
			return -EIO;
		info.name[sizeof(info.name) - 1] = '\0';
		info.soname[sizeof(info.soname) - 1] = '\0';
		err = cb(&info, data);
		if (err)
			return err;
		if (info.id == 0xffffffffU)
			return 0;
		next = info.id + 1;
	}
}

struct elfk_obj_match {
	const char *name;
	__u32 id;
	unsigned int count;
};

static int elfk_obj_match_name(const struct elfk_info *info, void *data)
{
	struct elfk_obj_match *m = data;

	if (strcmp(info->name, m->name))
		return 0;
	if (!m->count++)
		m->id = info->id;
	return 0;
}

/**
 * elfk_obj_resolve() - turn an OBJ argument into an id
 * @obj: a decimal id or an object name
 * @query: performs one ELFK_IOC_INFO
 * @ctx: passed to @query
 * @id: out: the id
 *
 * An id is returned as is, without asking the kernel: the operation that
 * uses it reports ENOENT if no such object exists.
 *
 * Return: 0; -ENOENT when no object has this name; -ENOTUNIQ when several
 * have; -ERANGE for an out-of-range id; or the errno of a failed query.
 */
int elfk_obj_resolve(const char *obj, elfk_info_fn query, void *ctx, __u32 *id)
{
	struct elfk_obj_match m = { .name = obj };
	int err;

	err = elfk_obj_parse_id(obj, id);
	if (err != -EINVAL)
		return err;
	if (strlen(obj) >= ELFK_NAME_LEN)
		return -ENOENT;

	err = elfk_obj_for_each(query, ctx, elfk_obj_match_name, &m);
	if (err)
		return err;
	if (!m.count)
		return -ENOENT;
	if (m.count > 1)
		return -ENOTUNIQ;
	*id = m.id;
	return 0;
}
