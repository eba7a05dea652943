// SPDX-License-Identifier: GPL-2.0
/*
 * A kernel module that carries one elfk plugin: module init loads the
 * embedded image through elfk_object_load(), module exit unloads it.
 *
 * tools/sdk/elfk-plugin-module.mk copies this file into the module's build
 * directory next to two generated files: elfk-plugin-image.S, which embeds
 * the plugin (.incbin) between elfk_pm_image and elfk_pm_image_end, and
 * elfk-plugin-module.h, which defines
 *
 *   ELFK_PM_OBJECT_NAME   the object's name in elfk's registry, or NULL for
 *                         the plugin's DT_SONAME
 *   ELFK_PM_DESCRIPTION   MODULE_DESCRIPTION()
 *   ELFK_PM_SOFTDEP       optional MODULE_SOFTDEP(), e.g. "pre: provider",
 *                         for a plugin that binds to another module's table
 *
 * The module links against elfk's exports, so modpost records elfk in its
 * "depends=" and modprobe loads elfk first.  Documentation/plugin-sdk.rst,
 * "Deploying a plugin as a kernel module", describes the whole path.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/elfk.h>
#include <linux/err.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/string.h>

#include <elfk/elfk.h>

#include "elfk-plugin-module.h"

/* Room for elfk's reasons at ELFK_LOG_LEVEL_ERROR: a few lines. */
#define ELFK_PM_LOG_SIZE 4096

static struct elfk_object *elfk_pm_obj;

/* elfk's log is several lines; the kernel log wants one record per line. */
static void elfk_pm_print_log(char *log)
{
	char *line;

	while ((line = strsep(&log, "\n")))
		if (*line)
			pr_err("%s\n", line);
}

static int __init elfk_pm_init(void)
{
	struct elfk_load_opts opts = {
		.name = ELFK_PM_OBJECT_NAME,
		.log_size = ELFK_PM_LOG_SIZE,
		.log_level = ELFK_LOG_LEVEL_ERROR,
	};
	struct elfk_object *obj;
	int err = 0;

	opts.log_buf = kvzalloc(opts.log_size, GFP_KERNEL);
	if (!opts.log_buf)
		return -ENOMEM;
	obj = elfk_object_load(elfk_pm_image, elfk_pm_image_end - elfk_pm_image,
			       &opts);
	if (IS_ERR(obj)) {
		err = PTR_ERR(obj);
		pr_err("elfk did not load the plugin (error %d):\n", err);
		elfk_pm_print_log(opts.log_buf);
		/*
		 * modprobe (kmod's and busybox's) reads EEXIST from
		 * init_module() as "already loaded" and reports success.
		 */
		if (err == -EEXIST)
			err = -EBUSY;
		goto out_free_log;
	}
	/* This reference keeps the object ours: elfk-ctl cannot unload it. */
	elfk_pm_obj = obj;
	pr_info("plugin loaded as elfk object %u\n", elfk_object_id(obj));

out_free_log:
	kvfree(opts.log_buf);
	return err;
}

/*
 * Module exit cannot fail, but the object may be in use: a call in flight
 * or another object linked against it.  It can safely outlive the module:
 * elfk copied the image at load, so nothing of the object lives in this
 * module's memory.  It then stays in elfk's registry, which holds its own
 * reference, and "elfk-ctl unload" removes it once its users are gone.
 */
static void __exit elfk_pm_exit(void)
{
	u32 id = elfk_object_id(elfk_pm_obj);
	int err;

	err = elfk_object_unload(elfk_pm_obj);
	if (err)
		pr_warn("elfk object %u is in use (error %d): left loaded, unload it with elfk-ctl\n",
			id, err);
	elfk_object_put(elfk_pm_obj);
}

module_init(elfk_pm_init);
module_exit(elfk_pm_exit);

MODULE_DESCRIPTION(ELFK_PM_DESCRIPTION);
MODULE_LICENSE("GPL");
/* elfk exports its API in the symbol namespace ELFK (elfk/elfk.h). */
MODULE_IMPORT_NS(ELFK_NS);
#ifdef ELFK_PM_SOFTDEP
MODULE_SOFTDEP(ELFK_PM_SOFTDEP);
#endif
