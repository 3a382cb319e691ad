package io.heapwarden.agent.pressure;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** cgroup v1 and v2 layouts as fixture files under a root directory. */
class CgroupMemoryTest {
  private static final String V1_UNLIMITED = "9223372036854771712";

  /** A v1 host like this build machine: the memory controller at its own mount, nested path. */
  private static final String V1_MOUNTINFO =
      String.join(
          "\n",
          "31 23 0:28 / /sys/fs/cgroup rw,relatime - tmpfs tmpfs rw,mode=755",
          "32 31 0:29 / /sys/fs/cgroup/cpu rw,relatime - cgroup cgroup rw,cpu",
          "35 31 0:32 / /sys/fs/cgroup/memory rw,relatime - cgroup cgroup rw,memory",
          "41 31 0:38 / /sys/fs/cgroup/unified rw,relatime - cgroup2 cgroup2 rw",
          "");

  private static final String V1_CGROUP =
      String.join("\n", "4:memory:/process_api/d6aa6f97", "1:cpu:/", "0::/", "");

  private static final String V2_MOUNTINFO =
      String.join(
          "\n",
          "22 1 0:21 / /proc rw,nosuid - proc proc rw",
          "29 22 0:26 / /sys/fs/cgroup rw,nosuid,nodev,noexec,relatime shared:4 - cgroup2 cgroup2"
              + " rw,nsdelegate,memory_recursiveprot",
          "");

  @TempDir Path root;

  private void write(String path, String content) throws IOException {
    Path file = root.resolve(path);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
  }

  private long limit(CgroupMemory cgroup) {
    return cgroup.limit(new ProcFile());
  }

  private long workingSet(CgroupMemory cgroup) {
    return cgroup.workingSet(new ProcFile());
  }

  @Test
  void v1NestedPathWithALimit() throws IOException {
    write("proc/self/cgroup", V1_CGROUP);
    write("proc/self/mountinfo", V1_MOUNTINFO);
    String dir = "sys/fs/cgroup/memory/process_api/d6aa6f97/";
    write(dir + "memory.limit_in_bytes", "536870912\n");
    write(dir + "memory.usage_in_bytes", "300000000\n");
    write(
        dir + "memory.stat",
        "cache 90000000\nrss 150000000\ninactive_file 1000\n"
            + "hierarchical_memory_limit 536870912\ntotal_inactive_file 100000000\n");
    write("sys/fs/cgroup/memory/memory.limit_in_bytes", V1_UNLIMITED + "\n");

    CgroupMemory cgroup = CgroupMemory.locate(root);

    assertThat(cgroup.version()).isEqualTo("v1");
    assertThat(cgroup.dir()).isEqualTo(root.resolve(dir.substring(0, dir.length() - 1)));
    assertThat(limit(cgroup)).isEqualTo(536870912L);
    // total_inactive_file (hierarchical) wins over the cgroup's own inactive_file
    assertThat(workingSet(cgroup)).isEqualTo(200000000L);
  }

  @Test
  void v1UnlimitedIsNoLimit() throws IOException {
    write("proc/self/cgroup", V1_CGROUP);
    write("proc/self/mountinfo", V1_MOUNTINFO);
    String dir = "sys/fs/cgroup/memory/process_api/d6aa6f97/";
    write(dir + "memory.limit_in_bytes", V1_UNLIMITED + "\n");
    write(dir + "memory.usage_in_bytes", "139194368\n");
    write(dir + "memory.stat", "inactive_file 89661440\ntotal_inactive_file 89661440\n");
    write("sys/fs/cgroup/memory/process_api/memory.limit_in_bytes", V1_UNLIMITED + "\n");
    write("sys/fs/cgroup/memory/memory.limit_in_bytes", V1_UNLIMITED + "\n");

    CgroupMemory cgroup = CgroupMemory.locate(root);

    assertThat(limit(cgroup)).isEqualTo(ProcFile.UNLIMITED);
    assertThat(workingSet(cgroup)).isEqualTo(139194368L - 89661440L);
  }

  @Test
  void v1AParentsLimitAppliesToANestedCgroup() throws IOException {
    write("proc/self/cgroup", V1_CGROUP);
    write("proc/self/mountinfo", V1_MOUNTINFO);
    String dir = "sys/fs/cgroup/memory/process_api/d6aa6f97/";
    write(dir + "memory.limit_in_bytes", V1_UNLIMITED + "\n");
    write(dir + "memory.usage_in_bytes", "1000\n");
    write("sys/fs/cgroup/memory/process_api/memory.limit_in_bytes", "1073741824\n");

    assertThat(limit(CgroupMemory.locate(root))).isEqualTo(1073741824L);
  }

  @Test
  void v2NestedPathWithALimitAndMaxAbove() throws IOException {
    write("proc/self/cgroup", "0::/kubepods.slice/pod1/cri-abc\n");
    write("proc/self/mountinfo", V2_MOUNTINFO);
    String dir = "sys/fs/cgroup/kubepods.slice/pod1/cri-abc/";
    write(dir + "memory.max", "max\n");
    write(dir + "memory.current", "734003200\n");
    write(
        dir + "memory.stat",
        "anon 500000000\nfile 200000000\nactive_file 100000000\ninactive_file 134003200\n");
    write("sys/fs/cgroup/kubepods.slice/pod1/memory.max", "1073741824\n");
    write("sys/fs/cgroup/kubepods.slice/memory.max", "max\n");

    CgroupMemory cgroup = CgroupMemory.locate(root);

    assertThat(cgroup.version()).isEqualTo("v2");
    assertThat(limit(cgroup)).isEqualTo(1073741824L);
    assertThat(workingSet(cgroup)).isEqualTo(600000000L);
  }

  @Test
  void v2UnlimitedIsNoLimit() throws IOException {
    write("proc/self/cgroup", "0::/user.slice/user-1000.slice/session-2.scope\n");
    write("proc/self/mountinfo", V2_MOUNTINFO);
    String dir = "sys/fs/cgroup/user.slice/user-1000.slice/session-2.scope/";
    write(dir + "memory.max", "max\n");
    write(dir + "memory.current", "5000\n");
    write(dir + "memory.stat", "inactive_file 1000\n");

    CgroupMemory cgroup = CgroupMemory.locate(root);

    assertThat(limit(cgroup)).isEqualTo(ProcFile.UNLIMITED);
    assertThat(workingSet(cgroup)).isEqualTo(4000L);
  }

  @Test
  void v2InsideAContainerFallsBackToTheMountRoot() throws IOException {
    // A container's namespace shows its own cgroup as "/", mounted from a host path.
    write("proc/self/cgroup", "0::/\n");
    write(
        "proc/self/mountinfo",
        "600 580 0:26 /kubepods/pod1/abc /sys/fs/cgroup ro,nosuid - cgroup2 cgroup rw\n");
    write("sys/fs/cgroup/memory.max", "268435456\n");
    write("sys/fs/cgroup/memory.current", "201326592\n");
    write("sys/fs/cgroup/memory.stat", "inactive_file 0\n");

    CgroupMemory cgroup = CgroupMemory.locate(root);

    assertThat(cgroup.dir()).isEqualTo(root.resolve("sys/fs/cgroup"));
    assertThat(limit(cgroup)).isEqualTo(268435456L);
    assertThat(workingSet(cgroup)).isEqualTo(201326592L);
  }

  @Test
  void aPathOutsideTheMountRootFallsBackToTheMountRoot() throws IOException {
    write("proc/self/cgroup", "7:memory:/docker/other\n");
    write(
        "proc/self/mountinfo",
        "40 31 0:32 /docker/abc /sys/fs/cgroup/memory ro - cgroup cgroup rw,memory\n");
    write("sys/fs/cgroup/memory/memory.limit_in_bytes", "1048576\n");
    write("sys/fs/cgroup/memory/memory.usage_in_bytes", "524288\n");

    CgroupMemory cgroup = CgroupMemory.locate(root);

    assertThat(cgroup.dir()).isEqualTo(root.resolve("sys/fs/cgroup/memory"));
    assertThat(limit(cgroup)).isEqualTo(1048576L);
    assertThat(workingSet(cgroup)).isEqualTo(524288L); // no memory.stat: nothing inactive
  }

  @Test
  void mountRootsAreStrippedFromNestedPaths() throws IOException {
    write("proc/self/cgroup", "0::/docker/abc/app\n");
    write("proc/self/mountinfo", "29 22 0:26 /docker /sys/fs/cgroup rw - cgroup2 cgroup2 rw\n");
    write("sys/fs/cgroup/abc/app/memory.max", "4096\n");
    write("sys/fs/cgroup/abc/app/memory.current", "1024\n");

    CgroupMemory cgroup = CgroupMemory.locate(root);

    assertThat(cgroup.dir()).isEqualTo(root.resolve("sys/fs/cgroup/abc/app"));
    assertThat(limit(cgroup)).isEqualTo(4096L);
  }

  @Test
  void missingFilesMeanNoCgroup() throws IOException {
    assertThat(CgroupMemory.locate(root)).isNull(); // no /proc at all (not Linux)

    write("proc/self/cgroup", V1_CGROUP);
    assertThat(CgroupMemory.locate(root)).isNull(); // no mountinfo

    write("proc/self/mountinfo", "22 1 0:21 / /proc rw,nosuid - proc proc rw\n");
    assertThat(CgroupMemory.locate(root)).isNull(); // no memory controller mounted
  }

  @Test
  void missingLimitAndUsageFilesReadAsUnknown() throws IOException {
    write("proc/self/cgroup", V1_CGROUP);
    write("proc/self/mountinfo", V1_MOUNTINFO);
    Files.createDirectories(root.resolve("sys/fs/cgroup/memory"));

    CgroupMemory cgroup = CgroupMemory.locate(root);

    assertThat(limit(cgroup)).isEqualTo(ProcFile.NONE);
    assertThat(workingSet(cgroup)).isEqualTo(ProcFile.NONE);
  }

  @Test
  void v2WithoutTheMemoryControllerIsNoCgroup() throws IOException {
    // A hybrid host's unified hierarchy without memory: no memory.current anywhere.
    write("proc/self/cgroup", "0::/\n");
    write("proc/self/mountinfo", "41 31 0:38 / /sys/fs/cgroup/unified rw - cgroup2 cgroup2 rw\n");
    Files.createDirectories(root.resolve("sys/fs/cgroup/unified"));

    assertThat(CgroupMemory.locate(root)).isNull();
  }

  @Test
  void escapedMountPoints() {
    assertThat(CgroupMemory.unescape("/mnt/with\\040space")).isEqualTo("/mnt/with space");
    assertThat(CgroupMemory.unescape("/plain")).isEqualTo("/plain");
  }

  @Test
  void rssFromProcSelfStatus() throws IOException {
    write(
        "proc/self/status",
        "Name:\tjava\nVmPeak:\t 9999 kB\nVmRSS:\t    2160 kB\nRssAnon:\t 1000 kB\n");

    assertThat(new ProcessRss(root).read(new ProcFile())).isEqualTo(2160L * 1024);
    assertThat(new ProcessRss(root.resolve("nowhere")).read(new ProcFile()))
        .isEqualTo(ProcFile.NONE);
  }
}
