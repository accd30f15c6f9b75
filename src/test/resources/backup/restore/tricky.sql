-- MariaDB dump 10.19  Distrib 10.11.6-MariaDB, for debian-linux-gnu (x86_64)
--
-- Host: localhost    Database: prestashop
-- ------------------------------------------------------
-- Server version	10.11.6-MariaDB-0+deb12u1

/*!40101 SET @OLD_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT */;
/*!40101 SET NAMES utf8mb4 */;
/*!40103 SET @OLD_TIME_ZONE=@@TIME_ZONE */;
/*!40014 SET @OLD_UNIQUE_CHECKS=@@UNIQUE_CHECKS, UNIQUE_CHECKS=0 */;

--
-- Table structure for table `ps_orders`
--

DROP TABLE IF EXISTS `ps_orders`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
/*!40101 SET character_set_client = utf8 */;
CREATE TABLE `ps_orders` (
  `id_order` int(10) unsigned NOT NULL AUTO_INCREMENT,
  `reference` varchar(9) DEFAULT NULL COMMENT 'a comment; with (parentheses) and a \' quote',
  `note` text,
  PRIMARY KEY (`id_order`)
) ENGINE=InnoDB AUTO_INCREMENT=4 DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;
/*!40101 SET character_set_client = @saved_cs_client */;

--
-- Dumping data for table `ps_orders`
--

LOCK TABLES `ps_orders` WRITE;
/*!40000 ALTER TABLE `ps_orders` DISABLE KEYS */;
INSERT INTO `ps_orders` VALUES (1,'XKBKNABJK','Livraison (urgente); merci'),(2,'OHSATSERP','l\'été, \"vraiment\" \\ (fin'),(3,'UOYEVOLI','),(4,\'pas une ligne\');'),(4,NULL,'ligne\nsur deux -- pas un commentaire /* non plus */');
INSERT INTO `ps_orders` VALUES (5,'ÉTÉ','émoji 🎉 et œ'),(6,'a''b','doublée '' ici (x)');
/*!40000 ALTER TABLE `ps_orders` ENABLE KEYS */;
UNLOCK TABLES;

--
-- Table structure for table `ps_weird``name`
--

DROP TABLE IF EXISTS `ps_weird``name`;
CREATE TABLE `ps_weird``name` (
  `k` varchar(20) NOT NULL,
  `v` blob
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

LOCK TABLES `ps_weird``name` WRITE;
INSERT INTO `ps_weird``name` VALUES ('a;b',0x28293B27),('c)(d','\0\Z\r\n\t');
UNLOCK TABLES;

--
-- Table structure for table `ps_empty`
--

DROP TABLE IF EXISTS `ps_empty`;
CREATE TABLE `ps_empty` (
  `id` int(11) NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

--
-- Temporary table structure for view `ps_view`
--

/*!50001 DROP VIEW IF EXISTS `ps_view`*/;
/*!50001 CREATE VIEW `ps_view` AS SELECT 1 AS `x` */;
/*!40103 SET TIME_ZONE=@OLD_TIME_ZONE */;

/*!40101 SET CHARACTER_SET_CLIENT=@OLD_CHARACTER_SET_CLIENT */;

-- Dump completed on 2026-03-12  3:00:42
