# Run by `cmake --install` (and so by cpack): installs the files whose place
# depends on the install prefix, known only then. With the prefix /usr (the
# Debian package), the system's places: /etc/mailtrail and /lib/systemd/system;
# with any other prefix, the same places under it (PREFIX/etc/mailtrail,
# PREFIX/lib/systemd/system, which systemd also reads for /usr/local), and the
# unit then names the binary and configuration there.
# Set by packaging/CMakeLists.txt: MAILTRAIL_PACKAGING_DIR, MAILTRAIL_STAGED_UNIT.
if(CMAKE_INSTALL_PREFIX STREQUAL "/usr")
  set(etc_dir "/etc")
  set(unit_dir "/lib/systemd/system")
else()
  set(etc_dir "${CMAKE_INSTALL_PREFIX}/etc")
  set(unit_dir "${CMAKE_INSTALL_PREFIX}/lib/systemd/system")
endif()

file(READ "${MAILTRAIL_PACKAGING_DIR}/mailtrail.service" unit)
string(REPLACE "/usr/bin/mailtrail" "${CMAKE_INSTALL_PREFIX}/bin/mailtrail" unit "${unit}")
string(REPLACE "/etc/mailtrail/" "${etc_dir}/mailtrail/" unit "${unit}")
set(staged_unit "${MAILTRAIL_STAGED_UNIT}")
file(WRITE "${staged_unit}" "${unit}")
file(INSTALL DESTINATION "${unit_dir}" TYPE FILE RENAME mailtrail.service
     PERMISSIONS OWNER_READ OWNER_WRITE GROUP_READ WORLD_READ FILES "${staged_unit}")
file(INSTALL DESTINATION "${etc_dir}/mailtrail" TYPE FILE
     PERMISSIONS OWNER_READ OWNER_WRITE GROUP_READ FILES "${MAILTRAIL_PACKAGING_DIR}/mailtrail.toml")
