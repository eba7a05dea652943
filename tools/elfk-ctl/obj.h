/* SPDX-License-Identifier: GPL-2.0 */
/*
 * elfk-ctl: naming loaded objects (OBJ arguments) and listing them.
 *
 * Copyright (C) 2026 The elfk authors
 */
#ifndef _ELFK_CTL_OBJ_H
#define _ELFK_CTL_OBJ_H

#include <linux/elfk.h>

/*
 * One ELFK_IOC_INFO query: @info arrives zeroed except for size, flags and
 * id.  Returns 0 or a negative errno.  The tool passes an ioctl() on the
 * device; the unit tests pass a fake registry.
 */
typedef int (*elfk_info_fn)(void *ctx, struct elfk_info *info);

/* Called per object; a nonzero return stops the walk and is returned. */
typedef int (*elfk_obj_cb)(const struct elfk_info *info, void *data);

int elfk_obj_parse_id(const char *s, __u32 *id);
int elfk_obj_for_each(elfk_info_fn query, void *ctx, elfk_obj_cb cb,
		      void *data);
int elfk_obj_resolve(const char *obj, elfk_info_fn query, void *ctx, __u32 *id);

#endif /* _ELFK_CTL_OBJ_H */
