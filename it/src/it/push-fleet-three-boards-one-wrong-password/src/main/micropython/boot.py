# greenhouse boot
