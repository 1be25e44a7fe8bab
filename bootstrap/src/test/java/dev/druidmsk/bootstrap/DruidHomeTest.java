package dev.druidmsk.bootstrap;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;

/** Shared set-up of the installer tests: a fresh stock Druid home in a temporary folder, and the installer. */
abstract class DruidHomeTest
{
  @TempDir
  Path temp;

  Path home;
  Installer installer;

  @BeforeEach
  void layOutStockHome() throws IOException
  {
    home = DruidHomes.stock(temp.resolve("druid"));
    installer = new Installer(temp);
  }
}
