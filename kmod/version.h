/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _DMZG_VERSION_H
#define _DMZG_VERSION_H

#define DMZG_VERSION "0.1.0"

#endif /* _DMZG_VERSION_H */
