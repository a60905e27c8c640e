cmd_/work/main/kmod/modules.order := {   echo /work/main/kmod/dmzguard.ko; :; } > /work/main/kmod/modules.order
